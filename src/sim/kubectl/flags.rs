//! Flags parsed as kubectl's (spf13/pflag, under cobra) parse them: `--name=value`,
//! `--name value`, `-n value`, `-nvalue`, `-n=value`, booleans alone or as `--all=false`, short
//! booleans combined (`-Aw`), flags anywhere among the arguments, and `--` ending the flags.

/// One flag a command takes.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    /// Takes a value (else a boolean).
    pub value: bool,
}

pub const fn value(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        value: true,
    }
}

pub const fn boolean(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        value: false,
    }
}

/// What a command line said: the arguments that are not flags, and each flag's values in order.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub args: Vec<String>,
    /// The arguments after `--` (kept apart: `exec POD -- CMD`).
    pub after_dash: Vec<String>,
    values: Vec<(&'static str, String)>,
}

impl Parsed {
    /// The flag's last value.
    pub fn get(&self, long: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(l, _)| *l == long)
            .map(|(_, v)| v.as_str())
    }

    /// Every value the flag was given, in order (`-f a -f b`).
    pub fn all(&self, long: &str) -> Vec<&str> {
        self.values
            .iter()
            .filter(|(l, _)| *l == long)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether a boolean flag is on (given, and not `=false`).
    pub fn on(&self, long: &str) -> bool {
        self.get(long).is_some_and(|v| v == "true")
    }

    pub fn given(&self, long: &str) -> bool {
        self.get(long).is_some()
    }
}

/// strconv.ParseBool's words.
fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Parses `words` against `flags`; the error is pflag's message.
pub fn parse(words: &[String], flags: &[Flag]) -> Result<Parsed, String> {
    let mut out = Parsed::default();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        i += 1;
        if w == "--" {
            out.after_dash = words[i..].to_vec();
            break;
        }
        if let Some(long) = w.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let Some(f) = flags.iter().find(|f| f.long == name) else {
                return Err(format!("unknown flag: --{name}"));
            };
            let v = if f.value {
                match inline {
                    Some(v) => v,
                    None => match words.get(i) {
                        Some(v) => {
                            i += 1;
                            v.clone()
                        }
                        None => return Err(format!("flag needs an argument: --{name}")),
                    },
                }
            } else {
                match inline {
                    None => "true".into(),
                    Some(v) => match parse_bool(&v) {
                        Some(b) => b.to_string(),
                        None => {
                            return Err(format!(
                                "invalid argument {v:?} for \"--{name}\" flag: strconv.ParseBool: parsing {v:?}: invalid syntax"
                            ))
                        }
                    },
                }
            };
            out.values.push((f.long, v));
            continue;
        }
        if let Some(shorts) = w.strip_prefix('-').filter(|s| !s.is_empty()) {
            let chars: Vec<char> = shorts.chars().collect();
            let mut k = 0;
            while k < chars.len() {
                let ch = chars[k];
                let Some(f) = flags.iter().find(|f| f.short == Some(ch)) else {
                    return Err(format!("unknown shorthand flag: '{ch}' in -{shorts}"));
                };
                k += 1;
                if !f.value {
                    if chars.get(k) == Some(&'=') {
                        let v: String = chars[k + 1..].iter().collect();
                        match parse_bool(&v) {
                            Some(b) => out.values.push((f.long, b.to_string())),
                            None => {
                                return Err(format!(
                                    "invalid argument {v:?} for \"-{ch}, --{}\" flag: strconv.ParseBool: parsing {v:?}: invalid syntax",
                                    f.long
                                ))
                            }
                        }
                        break;
                    }
                    out.values.push((f.long, "true".into()));
                    continue;
                }
                let rest: String = chars[k..].iter().collect();
                let v = if let Some(v) = rest.strip_prefix('=') {
                    v.to_string()
                } else if !rest.is_empty() {
                    rest
                } else {
                    match words.get(i) {
                        Some(v) => {
                            i += 1;
                            v.clone()
                        }
                        None => return Err(format!("flag needs an argument: '{ch}' in -{shorts}")),
                    }
                };
                out.values.push((f.long, v));
                break;
            }
            continue;
        }
        out.args.push(w.clone());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLAGS: &[Flag] = &[
        value("namespace", Some('n')),
        value("output", Some('o')),
        boolean("all-namespaces", Some('A')),
        boolean("watch", Some('w')),
        boolean("overwrite", None),
        value("replicas", None),
    ];

    fn p(line: &str) -> Result<Parsed, String> {
        let words: Vec<String> = line.split(' ').map(String::from).collect();
        parse(&words, FLAGS)
    }

    #[test]
    fn flags_are_read_as_pflag_reads_them() {
        // (line, namespace, output, all namespaces, watch, arguments)
        let cases: &[(&str, Option<&str>, Option<&str>, bool, bool, &[&str])] = &[
            ("pods -n a", Some("a"), None, false, false, &["pods"]),
            ("pods -na", Some("a"), None, false, false, &["pods"]),
            ("pods -n=a", Some("a"), None, false, false, &["pods"]),
            (
                "pods --namespace=a",
                Some("a"),
                None,
                false,
                false,
                &["pods"],
            ),
            (
                "pods --namespace a web",
                Some("a"),
                None,
                false,
                false,
                &["pods", "web"],
            ),
            ("-n a pods", Some("a"), None, false, false, &["pods"]),
            ("pods -n a -n b", Some("b"), None, false, false, &["pods"]),
            ("pods -Aw", None, None, true, true, &["pods"]),
            ("pods -owide", None, Some("wide"), false, false, &["pods"]),
            ("pods -Aowide", None, Some("wide"), true, false, &["pods"]),
            (
                "pods -o jsonpath={.items[*].metadata.name}",
                None,
                Some("jsonpath={.items[*].metadata.name}"),
                false,
                false,
                &["pods"],
            ),
            (
                "pods --all-namespaces=false",
                None,
                None,
                false,
                false,
                &["pods"],
            ),
            ("pods -A=false", None, None, false, false, &["pods"]),
            ("pods -- -n", None, None, false, false, &["pods"]),
            ("pods -", None, None, false, false, &["pods", "-"]),
        ];
        for (line, ns, out, all, watch, args) in cases {
            let got = p(line).unwrap();
            assert_eq!(got.get("namespace"), *ns, "{line}");
            assert_eq!(got.get("output"), *out, "{line}");
            assert_eq!(got.on("all-namespaces"), *all, "{line}");
            assert_eq!(got.on("watch"), *watch, "{line}");
            assert_eq!(got.args, *args, "{line}");
        }
        assert_eq!(p("pods -- -n x").unwrap().after_dash, ["-n", "x"]);
    }

    #[test]
    fn bad_flags_get_pflags_messages() {
        let cases = [
            ("pods --nope", "unknown flag: --nope"),
            ("pods -z", "unknown shorthand flag: 'z' in -z"),
            ("pods -Az", "unknown shorthand flag: 'z' in -Az"),
            ("pods -n", "flag needs an argument: 'n' in -n"),
            ("pods --namespace", "flag needs an argument: --namespace"),
            ("pods --replicas", "flag needs an argument: --replicas"),
            (
                "pods --watch=maybe",
                "invalid argument \"maybe\" for \"--watch\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax",
            ),
        ];
        for (line, want) in cases {
            assert_eq!(p(line).unwrap_err(), want, "{line}");
        }
    }
}
