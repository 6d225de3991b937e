//! Diagnostics: what is wrong, where, and what to do next. Checkers make them; renderers (the CLI's
//! `FILE:LINE:COL: error: message` and the editor's inline markers) are elsewhere.

use crate::i18n::{Lang, Say};
use crate::manifest::yaml::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning`, as the CLI prints it and tests name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// The word a reader sees.
    pub fn text(self, lang: Lang) -> String {
        match self {
            Severity::Error => lang.texts().severity_error(),
            Severity::Warning => lang.texts().severity_warning(),
        }
    }
}

/// What kind of problem a diagnostic reports; stable names for tests and the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    YamlSyntax,
    InputTooLarge,
    NotAnObject,
    MissingTypeInfo,
    UnknownKind,
    RemovedApi,
    InvalidType,
    UnknownField,
    RequiredValue,
    InvalidName,
    InvalidLabel,
    InvalidSelector,
    SelectorMismatch,
    DuplicateObject,
    ServiceNoMatch,
    UnresolvedTargetPort,
    CrossNamespace,
    SelectorOverlap,
    HostPath,
    InvalidValue,
    InvalidSchedule,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::YamlSyntax => "yaml-syntax",
            Code::InputTooLarge => "input-too-large",
            Code::NotAnObject => "not-an-object",
            Code::MissingTypeInfo => "missing-type-info",
            Code::UnknownKind => "unknown-kind",
            Code::RemovedApi => "removed-api",
            Code::InvalidType => "invalid-type",
            Code::UnknownField => "unknown-field",
            Code::RequiredValue => "required-value",
            Code::InvalidName => "invalid-name",
            Code::InvalidLabel => "invalid-label",
            Code::InvalidSelector => "invalid-selector",
            Code::SelectorMismatch => "selector-mismatch",
            Code::DuplicateObject => "duplicate-object",
            Code::ServiceNoMatch => "service-no-match",
            Code::UnresolvedTargetPort => "unresolved-target-port",
            Code::CrossNamespace => "cross-namespace",
            Code::SelectorOverlap => "selector-overlap",
            Code::HostPath => "host-path",
            Code::InvalidValue => "invalid-value",
            Code::InvalidSchedule => "invalid-schedule",
        }
    }
}

/// What a diagnostic says: Kubernetes' own words, which stay English in every language (the API
/// server's, kubectl's and YAML's messages, word for word), or kubeplay's, said in the reader's.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    Kubernetes(String),
    Own(Say),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// The message in English, whoever's words it is: what tests and the CLI's `--lang en` read.
    pub message: String,
    /// kubeplay's own message, to say in another language; `None` where `message` is Kubernetes'.
    pub own: Option<Say>,
    /// A next step for a learner, when the message alone may not be enough.
    pub hint: Option<Say>,
    pub span: Span,
}

impl Diagnostic {
    fn new(severity: Severity, code: Code, span: Span, message: Message) -> Diagnostic {
        let (message, own) = match message {
            Message::Kubernetes(m) => (m, None),
            Message::Own(say) => (say.text(Lang::En), Some(say)),
        };
        Diagnostic {
            severity,
            code,
            message,
            own,
            hint: None,
            span,
        }
    }

    /// An error in Kubernetes' words.
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(
            Severity::Error,
            code,
            span,
            Message::Kubernetes(message.into()),
        )
    }

    /// A warning in Kubernetes' words.
    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(
            Severity::Warning,
            code,
            span,
            Message::Kubernetes(message.into()),
        )
    }

    /// A problem Kubernetes has no words for, in kubeplay's.
    pub fn own(severity: Severity, code: Code, span: Span, say: Say) -> Diagnostic {
        Diagnostic::new(severity, code, span, Message::Own(say))
    }

    pub fn with_hint(mut self, hint: Say) -> Diagnostic {
        self.hint = Some(hint);
        self
    }

    /// The message as a reader of `lang` sees it.
    pub fn message_in(&self, lang: Lang) -> String {
        match &self.own {
            Some(say) if lang != Lang::En => say.text(lang),
            _ => self.message.clone(),
        }
    }

    /// The hint, in `lang`.
    pub fn hint_in(&self, lang: Lang) -> Option<String> {
        self.hint.as_ref().map(|h| h.text(lang))
    }

    /// `FILE:LINE:COL: error: message (hint: …)`, the CLI's form. The severity and `hint:` stay as
    /// they are in every language: scripts read them.
    pub fn render(&self, file: &str, lang: Lang) -> String {
        let mut s = format!(
            "{file}:{}:{}: {}: {}",
            self.span.start.line,
            self.span.start.col,
            self.severity.as_str(),
            self.message_in(lang)
        );
        if let Some(h) = self.hint_in(lang) {
            s.push_str(&format!(" (hint: {h})"));
        }
        s
    }
}

/// Levenshtein distance, for did-you-mean suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest candidate, if it is close enough to be what was meant.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = if c.to_ascii_lowercase() == lower {
            0
        } else {
            edit_distance(&lower, &c.to_ascii_lowercase())
        };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let limit = (word.chars().count() / 3).clamp(1, 3);
    best.filter(|(d, _)| *d <= limit).map(|(_, c)| c)
}
