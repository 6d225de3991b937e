//! A script of console lines at times, as `kubeplay kubectl --script` reads it: each line a
//! command, optionally after the time it runs at, counted from the script's start (`30s: kubectl
//! scale …`, `2m: kubectl get pods`); a line without a time runs right after the one before. A
//! here-document's lines belong to the command that opened it. Blank lines and `#` comments are
//! skipped.

use crate::sim::time::{parse_duration, Millis};

/// One step: when (None: at once) and the console line, here-document included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub at: Option<Millis>,
    pub line: String,
}

/// The most steps a script may have.
pub const MAX_STEPS: usize = 1000;

pub fn parse(text: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, raw)) = lines.next() {
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let (at, command) = match l.split_once(": ") {
            Some((t, rest)) if t.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
                let at = parse_duration(t).map_err(|e| format!("line {}: {t}: {e}", n + 1))?;
                (Some(at), rest.trim().to_string())
            }
            _ => (None, l.to_string()),
        };
        let mut line = command.clone();
        if let Some(delimiter) = heredoc_delimiter(&command) {
            for (_, body) in lines.by_ref() {
                line.push('\n');
                line.push_str(body);
                if body.trim_start_matches('\t') == delimiter {
                    break;
                }
            }
        }
        steps.push(Step { at, line });
        if steps.len() > MAX_STEPS {
            return Err(format!("more than {MAX_STEPS} steps"));
        }
    }
    Ok(steps)
}

/// The delimiter of a here-document the line opens, if it opens one.
fn heredoc_delimiter(line: &str) -> Option<String> {
    let at = line.find("<<")?;
    let rest = line[at + 2..].trim_start_matches('-').trim_start();
    let word: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
    let word = word.trim_matches(|c| c == '\'' || c == '"').to_string();
    (!word.is_empty()).then_some(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::time::SECOND;

    #[test]
    fn a_script_is_lines_at_times() {
        let steps = parse("# the course's steps\nkubectl get pods\n\n30s: kubectl scale deploy web --replicas=5\n2m: kubectl apply -f - <<EOF\nkind: Namespace\nEOF\nkubectl get ns\n").unwrap();
        assert_eq!(
            steps,
            [
                Step {
                    at: None,
                    line: "kubectl get pods".into()
                },
                Step {
                    at: Some(30 * SECOND),
                    line: "kubectl scale deploy web --replicas=5".into()
                },
                Step {
                    at: Some(120 * SECOND),
                    line: "kubectl apply -f - <<EOF\nkind: Namespace\nEOF".into()
                },
                Step {
                    at: None,
                    line: "kubectl get ns".into()
                },
            ]
        );
        assert!(parse("3x: kubectl get pods")
            .unwrap_err()
            .starts_with("line 1: 3x:"));
        assert!(parse(&"kubectl get pods\n".repeat(MAX_STEPS + 1)).is_err());
    }
}
