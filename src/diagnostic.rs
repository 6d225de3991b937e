//! Diagnostics: what is wrong, where, and what to do next. Checkers make them; renderers (the CLI's
//! `FILE:LINE:COL: error: message` and the editor's inline markers) are elsewhere.

use crate::manifest::yaml::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
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
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// A next step for a learner, when the message alone may not be enough.
    pub hint: Option<String>,
    pub span: Span,
}

impl Diagnostic {
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            hint: None,
            span,
        }
    }

    pub fn warning(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            hint: None,
            span,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// `FILE:LINE:COL: error: message (hint)`, the CLI's form.
    pub fn render(&self, file: &str) -> String {
        let mut s = format!(
            "{file}:{}:{}: {}: {}",
            self.span.start.line,
            self.span.start.col,
            self.severity.as_str(),
            self.message
        );
        if let Some(h) = &self.hint {
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
