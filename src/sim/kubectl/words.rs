//! A console line split into words the way a POSIX shell splits it: blanks separate words,
//! single quotes keep everything, double quotes keep all but `\"`, `\\` and `\$`, a backslash
//! outside quotes escapes the next character. A here-document (`<<EOF`, `<<'EOF'`, `<<-EOF`)
//! takes the lines after the command up to its delimiter as standard input, and `> FILE` sends
//! standard output to a file of the console's own.
//!
//! Left out: variables, globbing, `;`, `&&`, subshells. A pipe is refused with a message: the
//! console runs one command at a time.

/// One command: its words, what it reads on standard input and where its output goes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    pub words: Vec<String>,
    pub stdin: Option<String>,
    /// `> FILE`: the file standard output is written to.
    pub to_file: Option<String>,
}

/// The longest line the console takes (a here-document included).
pub const MAX_LINE: usize = 256 * 1024;

/// Splits `input` (a command, then here-document lines if it asked for them).
pub fn split(input: &str) -> Result<Line, String> {
    if input.len() > MAX_LINE {
        return Err(format!(
            "the command is {} bytes, more than {MAX_LINE}",
            input.len()
        ));
    }
    let (first, rest) = input.split_once('\n').unwrap_or((input, ""));
    let mut line = Line::default();
    let mut heredoc: Option<(String, bool)> = None;
    let mut chars = first.chars().peekable();
    let mut word = String::new();
    let mut in_word = false;
    // What the next word is for: a word of the command, the file after `>`, the delimiter after `<<`.
    #[derive(PartialEq)]
    enum Next {
        Word,
        File,
        Delimiter { strip_tabs: bool },
    }
    let mut next = Next::Word;
    let mut quoted = false;
    let finish = |word: &mut String,
                  in_word: &mut bool,
                  quoted: &mut bool,
                  next: &mut Next,
                  line: &mut Line,
                  heredoc: &mut Option<(String, bool)>| {
        if !*in_word {
            return;
        }
        let w = std::mem::take(word);
        match std::mem::replace(next, Next::Word) {
            Next::Word => line.words.push(w),
            Next::File => line.to_file = Some(w),
            Next::Delimiter { strip_tabs } => *heredoc = Some((w, strip_tabs)),
        }
        *in_word = false;
        *quoted = false;
    };
    while let Some(ch) = chars.next() {
        match ch {
            ' ' | '\t' | '\r' => finish(
                &mut word,
                &mut in_word,
                &mut quoted,
                &mut next,
                &mut line,
                &mut heredoc,
            ),
            '\'' => {
                in_word = true;
                quoted = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("unexpected EOF while looking for matching `''".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                quoted = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => {
                                return Err("unexpected EOF while looking for matching `\"'".into())
                            }
                        },
                        Some(c) => word.push(c),
                        None => return Err("unexpected EOF while looking for matching `\"'".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(c) = chars.next() {
                    word.push(c);
                }
            }
            '|' => {
                return Err(
                    "pipes are not simulated: the console runs one command at a time".into(),
                )
            }
            ';' | '&' => {
                return Err(format!(
                    "`{ch}` is not simulated: the console runs one command at a time"
                ))
            }
            '<' if !in_word && chars.peek() == Some(&'<') => {
                chars.next();
                let strip_tabs = chars.peek() == Some(&'-');
                if strip_tabs {
                    chars.next();
                }
                next = Next::Delimiter { strip_tabs };
            }
            '>' if !in_word => {
                if chars.peek() == Some(&'>') {
                    return Err("`>>` is not simulated: write the whole file with `>`".into());
                }
                next = Next::File;
            }
            '#' if !in_word && next == Next::Word => break,
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    let _ = quoted;
    finish(
        &mut word,
        &mut in_word,
        &mut quoted,
        &mut next,
        &mut line,
        &mut heredoc,
    );
    match next {
        Next::File => return Err("syntax error near unexpected token `newline'".into()),
        Next::Delimiter { .. } => return Err("syntax error near unexpected token `newline'".into()),
        Next::Word => {}
    }
    if let Some((delimiter, strip_tabs)) = heredoc {
        let mut body = String::new();
        for l in rest.split('\n') {
            let l = if strip_tabs {
                l.trim_start_matches('\t')
            } else {
                l
            };
            if l.trim_end_matches('\r') == delimiter {
                break;
            }
            body.push_str(l);
            body.push('\n');
        }
        line.stdin = Some(body);
    }
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        split(s).unwrap().words
    }

    #[test]
    fn words_split_as_a_shell_splits_them() {
        let cases: &[(&str, &[&str])] = &[
            ("kubectl get pods", &["kubectl", "get", "pods"]),
            ("  kubectl   get\tpods  ", &["kubectl", "get", "pods"]),
            (
                r#"kubectl patch svc echo -p '{"spec":{"selector":{"color":"green"}}}'"#,
                &[
                    "kubectl",
                    "patch",
                    "svc",
                    "echo",
                    "-p",
                    r#"{"spec":{"selector":{"color":"green"}}}"#,
                ],
            ),
            (
                r#"kubectl label pod a "x=a b""#,
                &["kubectl", "label", "pod", "a", "x=a b"],
            ),
            (r#"echo "a\"b\\c\n""#, &["echo", r#"a"b\c\n"#]),
            (r"echo a\ b", &["echo", "a b"]),
            ("echo ''", &["echo", ""]),
            (
                "kubectl get pods # all of them",
                &["kubectl", "get", "pods"],
            ),
            (
                "kubectl get po -l 'app in (a,b)'",
                &["kubectl", "get", "po", "-l", "app in (a,b)"],
            ),
            ("echo a#b", &["echo", "a#b"]),
        ];
        for (line, want) in cases {
            assert_eq!(words(line), *want, "{line}");
        }
    }

    #[test]
    fn a_here_document_is_standard_input() {
        let l =
            split("kubectl apply -f - <<EOF\nkind: Namespace\nmetadata: {name: a}\nEOF\nignored")
                .unwrap();
        assert_eq!(l.words, ["kubectl", "apply", "-f", "-"]);
        assert_eq!(
            l.stdin.as_deref(),
            Some("kind: Namespace\nmetadata: {name: a}\n")
        );
        let l = split("cat > game.properties << 'END'\nlives=3\nEND").unwrap();
        assert_eq!(l.words, ["cat"]);
        assert_eq!(l.to_file.as_deref(), Some("game.properties"));
        assert_eq!(l.stdin.as_deref(), Some("lives=3\n"));
        let l = split("cat <<-EOF\n\tindented\n\tEOF").unwrap();
        assert_eq!(l.stdin.as_deref(), Some("indented\n"));
        // Without its delimiter the document runs to the end, as bash takes it (with a warning).
        let l = split("cat <<EOF\na").unwrap();
        assert_eq!(l.stdin.as_deref(), Some("a\n"));
    }

    #[test]
    fn what_the_console_cannot_run_is_refused_with_a_reason() {
        for (line, says) in [
            ("kubectl get pods | grep web", "pipes are not simulated"),
            ("echo 'open", "matching `''"),
            ("echo \"open", "matching `\"'"),
            ("kubectl get pods; kubectl get svc", "one command at a time"),
            ("cat >", "unexpected token `newline'"),
            ("cat <<", "unexpected token `newline'"),
            ("echo a >> f", "`>>` is not simulated"),
        ] {
            let e = split(line).unwrap_err();
            assert!(e.contains(says), "{line}: {e}");
        }
        assert!(split(&"x".repeat(MAX_LINE + 1)).is_err());
    }
}
