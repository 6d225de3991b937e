//! The simulated kubelet's shell: what a container's `command` and `args` print to stdout, and
//! when, in virtual time. It understands a small POSIX `sh` subset, printing as busybox/dash do.
//!
//! Approximations: in a pipeline only the last command's output is printed (earlier simple
//! commands run first, their output discarded, and nothing reads stdin); a trailing `&` acts
//! like `;`; other programs print nothing and succeed at once (`tail -f` and `sleep infinity`
//! block for ever); `> file` discards output; fields split on blanks (IFS is not read); `-e` and
//! `-x` are ignored; a syntax error, or nesting deeper than 16, ends the shell with status 2 when
//! reached. Left out: globbing, `case`, functions, here-documents, subshells, `{ }` groups,
//! positional parameters, `${…}` forms other than `${V}`, `${#V}` and `${V:-word}`.

use super::time::Millis;

/// What the script may read: the Pod's hostname and the container's environment, in order; and
/// how long a program it runs that is not simulated here takes (its workload: None, a server
/// that runs until stopped).
pub struct Env<'a> {
    pub hostname: &'a str,
    pub vars: &'a [(String, String)],
    pub others: Option<Millis>,
}

/// How a run ended, if it did before the horizon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// Exited with this code this long after the start.
    Exited { at: Millis, code: i32 },
    /// Still running at the horizon (or blocked for ever: `sleep infinity`, `tail -f`, `while true` with a sleep).
    Running,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Each line written (without its newline) and when, in order.
    pub lines: Vec<(Millis, String)>,
    pub end: End,
    /// True when lines were cut at max_lines or the step budget ran out.
    pub truncated: bool,
}

/// When a container exits on its own and with what code; `Unknown` for programs not simulated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ends {
    At(Millis, i32),
    Never,
    Unknown,
}

/// Most statements, expansions and loop turns one run may take.
const BUDGET: u64 = 100_000;
/// Deepest nesting of lists and expansions.
const MAX_NEST: usize = 16;
/// Longest text kept in a variable, a captured output or a line.
const MAX_TEXT: usize = 65_536;
/// Widest printf field, and longest `$((…))` expression (which bounds its nesting).
const MAX_SMALL: usize = 256;
/// How far ahead `ends` looks: ten years.
const LOOKAHEAD: Millis = 10 * 365 * 24 * 3_600_000;
/// Programs simulated here.
const BUILTINS: &[&str] = &[
    "echo", "printf", "date", "hostname", "sleep", "true", "false", "exit", ":", "cat", "tail",
    "seq", "test", "[",
];
/// Programs a script runs that take no time and print nothing to the log here (file and text
/// utilities, package managers): anything else is the container's workload, see `Env::others`.
const UTILITIES: &[&str] = &[
    "cd", "chmod", "chown", "cp", "env", "ln", "ls", "mkdir", "mv", "printenv", "pwd", "rm", "set",
    "touch", "trap", "umask", "wc", "grep", "sed", "awk", "head", "cut", "tr", "sort", "uniq",
    "tee", "id", "whoami", "uname", "apk", "apt-get", "wait",
];

/// Runs a container's command and args (Kubernetes' `command` then `args`) from `start_epoch_ms`
/// until it ends or `horizon` ms have passed, keeping at most `max_lines` lines.
pub fn run(
    words: &[String],
    env: &Env,
    start_epoch_ms: i64,
    horizon: Millis,
    max_lines: usize,
) -> Run {
    let mut vars = vec![("HOSTNAME".to_string(), env.hostname.to_string())];
    vars.extend_from_slice(env.vars);
    let mut sh = Shell {
        hostname: env.hostname,
        others: env.others,
        vars,
        start: start_epoch_ms,
        horizon,
        max_lines,
        ..Shell::default()
    };
    let result = sh.main(words);
    let (at, rest) = std::mem::take(&mut sh.partial);
    let cut = !rest.is_empty() && sh.lines.len() >= max_lines;
    if !rest.is_empty() && !cut {
        sh.lines.push((at, rest));
    }
    let (at, status) = (sh.now, sh.status);
    let end = match result {
        Err(Stop::Horizon | Stop::Full) => End::Running,
        Err(Stop::Exit(code)) => End::Exited { at, code },
        _ => End::Exited { at, code: status },
    };
    let truncated = cut || matches!(result, Err(Stop::Full));
    Run {
        lines: sh.lines,
        end,
        truncated,
    }
}

/// When a container running `words` exits and with what code, ignoring its output; `Never` when
/// it never ends on its own. Agrees with `run(..).end` for a large horizon. For a command that is
/// neither a shell script nor a builtin (a server such as `nginx`), `Unknown`.
pub fn ends(words: &[String], others: Option<Millis>) -> Ends {
    if script(words).is_none() && !known(words) {
        return Ends::Unknown;
    }
    let key = (words.to_vec(), others);
    if let Some(known) = ENDS.with(|m| m.borrow().get(&key).copied()) {
        return known;
    }
    let env = Env {
        hostname: "",
        vars: &[],
        others,
    };
    let found = match run(words, &env, 0, LOOKAHEAD, usize::MAX).end {
        End::Exited { at, code } => Ends::At(at, code),
        End::Running => Ends::Never,
    };
    ENDS.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= MAX_REMEMBERED {
            m.clear();
        }
        m.insert(key, found);
    });
    found
}

/// A command and its workload's length: what `ends` is asked.
type Asked = (Vec<String>, Option<Millis>);

thread_local! {
    /// What `ends` found for each command lately (it is a pure function of its arguments): every
    /// Pod of a workload runs the same command, and a script that loops for ever takes the whole
    /// step budget to judge.
    static ENDS: std::cell::RefCell<std::collections::HashMap<Asked, Ends>> =
        std::cell::RefCell::default();
}

/// The most commands `ends` remembers before it starts over.
const MAX_REMEMBERED: usize = 256;

/// The script, when `words` start a shell with `-c` (or `-ec`, `-xc`…: the other flags are
/// ignored).
fn script(words: &[String]) -> Option<String> {
    let (shell, flags) = (base(words.first()?), words.get(1)?.strip_prefix('-')?);
    let valid = flags.contains('c') && flags.chars().all(|c| c.is_ascii_alphabetic());
    let shell = valid && matches!(shell, "sh" | "bash" | "ash" | "dash");
    shell.then(|| words.get(2..).unwrap_or_default().join(" "))
}

/// Whether `words` run one of the builtins.
fn known(words: &[String]) -> bool {
    words.first().is_some_and(|w| BUILTINS.contains(&base(w)))
}

/// The last component of a path.
fn base(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Characters as a string.
fn text(chars: &[char]) -> String {
    chars.iter().collect()
}

/// Why execution stopped before the end of a list.
enum Stop {
    Exit(i32),
    /// The horizon was reached.
    Horizon,
    /// max_lines or the step budget was reached.
    Full,
    /// The statement failed (bad arithmetic): status 1.
    Error,
    Break,
    Continue,
}

/// A piece of script: a word, an operator, or a redirection (true when it sends stdout away).
#[derive(PartialEq)]
enum Tok {
    Word(String),
    Redirect(bool),
    Sep,
    And,
    Or,
    Pipe,
}

/// Splits a script into tokens, dropping blanks and comments.
fn lex(src: &str) -> Vec<Tok> {
    let s: Vec<char> = src.chars().collect();
    let (mut toks, mut i) = (Vec::new(), 0);
    while let Some(&c) = s.get(i) {
        let next = s.get(i + 1).copied();
        let (tok, len) = match c {
            ' ' | '\t' | '\r' => (None, 1),
            '\\' if next == Some('\n') => (None, 2),
            '#' => (None, s.iter().skip(i).take_while(|&&c| c != '\n').count()),
            '&' if next == Some('&') => (Some(Tok::And), 2),
            '|' if next == Some('|') => (Some(Tok::Or), 2),
            '|' => (Some(Tok::Pipe), 1),
            '\n' | ';' | '&' => (Some(Tok::Sep), 1),
            _ => word(&s, i),
        };
        toks.extend(tok);
        i += len;
    }
    toks
}

/// The word or redirection (`N>`, `>>`, `>&N`, `<`…) starting at `i`, and its length.
fn word(s: &[char], i: usize) -> (Option<Tok>, usize) {
    let end = word_end(s, i);
    let word = text(s.get(i..end).unwrap_or_default());
    let (op, then) = (s.get(end).copied(), s.get(end + 1).copied());
    if !matches!(op, Some('>' | '<')) || !word.chars().all(|c| c.is_ascii_digit()) {
        return (Some(Tok::Word(word)), end - i);
    }
    let away = op == Some('>') && then != Some('&') && matches!(word.as_str(), "" | "1");
    let two = matches!(then, Some('>' | '<' | '&' | '|'));
    (Some(Tok::Redirect(away)), end - i + 1 + usize::from(two))
}

/// Where the word starting at `i` ends.
fn word_end(s: &[char], mut i: usize) -> usize {
    while s.get(i).is_some_and(|c| !" \t\r\n;&|<>".contains(*c)) {
        i = part_end(s, i);
    }
    i
}

/// Where the word part at `i` ends: a quoted string, an escape, an expansion or one character.
fn part_end(s: &[char], i: usize) -> usize {
    let next = s.get(i + 1).copied().unwrap_or(' ');
    let end = match (s.get(i), next) {
        (Some(&quote @ ('\'' | '`' | '"')), _) => close(s, i + 1, quote),
        (Some('\\'), _) => i + 2,
        (Some('$'), '(') => group_end(s, i + 1, '(', ')'),
        (Some('$'), '{') => group_end(s, i + 1, '{', '}'),
        (Some('$'), c) if c.is_ascii_alphabetic() || c == '_' => i + 1 + name_len(s, i + 1),
        (Some('$'), c) if c.is_ascii_digit() || "?$#!@*-".contains(c) => i + 2,
        _ => i + 1,
    };
    end.min(s.len()).max(i + 1)
}

/// How many name characters (letters, digits, `_`) start at `i`.
fn name_len(s: &[char], i: usize) -> usize {
    let name = |c: &&char| c.is_ascii_alphanumeric() || **c == '_';
    s.iter().skip(i).take_while(name).count()
}

/// Where the string closed by `quote` and starting at `i` ends.
fn close(s: &[char], mut i: usize, quote: char) -> usize {
    while let Some(&c) = s.get(i) {
        i = match c {
            _ if c == quote => return i + 1,
            '\\' if quote != '\'' => i + 2,
            '$' if quote == '"' && s.get(i + 1) == Some(&'(') => group_end(s, i + 1, '(', ')'),
            '`' if quote == '"' => close(s, i + 1, '`'),
            _ => i + 1,
        };
    }
    s.len()
}

/// Where the bracketed group opened at `i` ends, counting nested brackets.
fn group_end(s: &[char], mut i: usize, open: char, shut: char) -> usize {
    let (mut depth, mut quoted) = (0usize, false);
    while let Some(&c) = s.get(i) {
        i += 1;
        match c {
            '\\' => i += 1,
            '"' => quoted = !quoted,
            '\'' if !quoted => i = close(s, i, '\''),
            _ if c == open => depth += 1,
            _ if c == shut && depth <= 1 => return i,
            _ if c == shut => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

/// The interpreter's state during one run.
#[derive(Default)]
struct Shell<'a> {
    hostname: &'a str,
    others: Option<Millis>,
    vars: Vec<(String, String)>,
    start: i64,
    now: Millis,
    horizon: Millis,
    max_lines: usize,
    lines: Vec<(Millis, String)>,
    /// When the unfinished line was last written to, and its text.
    partial: (Millis, String),
    /// Where output goes instead of the log (command substitution, discarded output).
    capture: Option<String>,
    status: i32,
    steps: u64,
    depth: usize,
    /// The script being run and the position of its next token.
    toks: Vec<Tok>,
    pos: usize,
}

impl Shell<'_> {
    /// Runs a container's words: a shell script, a builtin, or an unknown program that runs for ever.
    fn main(&mut self, words: &[String]) -> Result<(), Stop> {
        match script(words) {
            _ if self.horizon < 0 => Err(Stop::Horizon),
            Some(script) => self
                .tick(script.len() as u64 / 128)
                .and_then(|()| self.script(&script)),
            None if known(words) => self.builtin(words).map(|code| self.status = code),
            None => self.sleep_for(Millis::MAX).map(drop),
        }
    }

    /// Runs a script, then goes back to the one being run.
    fn script(&mut self, src: &str) -> Result<(), Stop> {
        let outer = (std::mem::replace(&mut self.toks, lex(src)), self.pos);
        self.pos = 0;
        let result = self.list(&[], true);
        (self.toks, self.pos) = outer;
        result
    }

    /// Spends `n` steps of the budget.
    fn tick(&mut self, n: u64) -> Result<(), Stop> {
        self.steps += n;
        (self.steps <= BUDGET).then_some(()).ok_or(Stop::Full)
    }

    /// Runs `f` one nesting level deeper; too deep ends the shell with status 2.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T, Stop>) -> Result<T, Stop> {
        if self.depth >= MAX_NEST {
            return Err(Stop::Exit(2));
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// Runs `f` with its output collected instead of logged; gives the result and the output.
    fn captured<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> (T, String) {
        let outer = self.capture.replace(String::new());
        let result = f(self);
        let out = std::mem::replace(&mut self.capture, outer);
        (result, out.unwrap_or_default())
    }

    /// Writes to stdout: to the capture, or to the log where a newline ends a line stamped now.
    fn write(&mut self, out: &str) -> Result<i32, Stop> {
        if let Some(buffer) = &mut self.capture {
            buffer.extend(out.chars().take(MAX_TEXT.saturating_sub(buffer.len())));
            return Ok(0);
        }
        for c in out.chars() {
            match c {
                '\n' if self.lines.len() >= self.max_lines => return Err(Stop::Full),
                '\n' => self
                    .lines
                    .push((self.now, std::mem::take(&mut self.partial.1))),
                _ if self.partial.1.len() >= MAX_TEXT => {}
                _ => {
                    self.partial.0 = self.now;
                    self.partial.1.push(c);
                }
            }
        }
        Ok(0)
    }

    /// A variable's value, if set.
    fn var(&self, name: &str) -> Option<&String> {
        self.vars.iter().rfind(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// A parameter's value: `$?`, `$$`, `$#`, `$0` or a variable (empty when unset).
    fn param(&self, name: &str) -> String {
        match name {
            "?" => self.status.to_string(),
            "$" => "1".into(),
            "#" => "0".into(),
            "0" => "sh".into(),
            _ => self.var(name).cloned().unwrap_or_default(),
        }
    }

    /// Sets a variable, cutting its value at MAX_TEXT characters.
    fn set(&mut self, name: &str, value: &str) {
        let value: String = value.chars().take(MAX_TEXT).collect();
        match self.vars.iter_mut().rfind(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => self.vars.push((name.to_string(), value)),
        }
    }

    /// The next token when it is a word, else "".
    fn word(&self) -> &str {
        match self.toks.get(self.pos) {
            Some(Tok::Word(w)) => w,
            _ => "",
        }
    }

    /// Consumes the word `w`, or fails as a syntax error.
    fn eat(&mut self, w: &str) -> Result<(), Stop> {
        let found = self.word() == w;
        self.pos += usize::from(found);
        if found {
            Ok(())
        } else {
            Err(Stop::Exit(2))
        }
    }

    /// Consumes separators.
    fn skip_seps(&mut self) {
        while self.toks.get(self.pos) == Some(&Tok::Sep) {
            self.pos += 1;
        }
    }

    /// Runs, or when `live` is false only reads past, statements up to one of the words `ends`
    /// (a list inside a compound command may not be empty).
    fn list(&mut self, ends: &[&str], live: bool) -> Result<(), Stop> {
        self.nested(|sh| {
            let mut empty = !ends.is_empty();
            loop {
                sh.skip_seps();
                if sh.toks.get(sh.pos).is_none() || ends.contains(&sh.word()) {
                    return (!empty).then_some(()).ok_or(Stop::Exit(2));
                }
                sh.and_or(live)?;
                empty = false;
                if !matches!(sh.toks.get(sh.pos), None | Some(Tok::Sep)) {
                    return Err(Stop::Exit(2));
                }
            }
        })
    }

    /// Runs commands joined by `&&`, `||` and `|`.
    fn and_or(&mut self, live: bool) -> Result<(), Stop> {
        let mut ran = live;
        loop {
            self.command(ran)?;
            ran = match self.toks.get(self.pos) {
                Some(Tok::And) => live && self.status == 0,
                Some(Tok::Or) => live && self.status != 0,
                Some(Tok::Pipe) => ran,
                _ => return Ok(()),
            };
            self.pos += 1;
            self.skip_seps();
        }
    }

    /// Runs (or reads past) one simple or compound command.
    fn command(&mut self, live: bool) -> Result<(), Stop> {
        self.tick(1)?;
        match self.word() {
            "for" => self.for_loop(live),
            "while" | "until" => {
                let (until, start) = (self.word() == "until", self.pos + 1);
                self.repeat(live, |sh| {
                    sh.pos = start;
                    sh.list(&["do"], live)?;
                    let go = (sh.status == 0) != until;
                    sh.eat("do").map(|()| go)
                })
            }
            "if" => self.if_else(live),
            "then" | "do" | "done" | "fi" | "elif" | "else" => Err(Stop::Exit(2)),
            _ => self.simple(live),
        }
    }

    /// `for NAME in WORDS; do BODY; done`.
    fn for_loop(&mut self, live: bool) -> Result<(), Stop> {
        self.pos += 1;
        let name = self.word().to_string();
        self.pos += 1;
        let mut values = Vec::new();
        if self.eat("in").is_ok() {
            while let Some(Tok::Word(w)) = self.toks.get(self.pos) {
                let w = w.clone();
                if live {
                    values.extend(self.expand(&w, true, false)?);
                }
                self.pos += 1;
            }
        }
        self.skip_seps();
        self.eat("do")?;
        let (body, mut values) = (self.pos, values.into_iter());
        self.repeat(live, |sh| {
            sh.pos = body;
            Ok(values.next().map(|value| sh.set(&name, &value)).is_some())
        })
    }

    /// Runs a loop body, positioned by `next`, while `next` says so; then reads past `done`.
    fn repeat(
        &mut self,
        live: bool,
        mut next: impl FnMut(&mut Self) -> Result<bool, Stop>,
    ) -> Result<(), Stop> {
        let mut status = 0;
        let body = loop {
            self.tick(1)?;
            let (go, body) = (next(self)? && live, self.pos);
            let result = match go {
                true => self.list(&["done"], true),
                false => Err(Stop::Break),
            };
            match result {
                Err(Stop::Break) => break body,
                Err(Stop::Continue) => {}
                result => result?,
            }
            status = self.status;
        };
        self.pos = body;
        self.list(&["done"], false)?;
        self.status = if live { status } else { self.status };
        self.eat("done")
    }

    /// `if COND; then …; [elif COND; then …;]… [else …;] fi`.
    fn if_else(&mut self, live: bool) -> Result<(), Stop> {
        let mut pending = live;
        loop {
            self.pos += 1;
            self.list(&["then"], pending)?;
            let yes = self.status == 0;
            self.eat("then")?;
            self.list(&["elif", "else", "fi"], pending && yes)?;
            pending &= !yes;
            if self.word() != "elif" {
                break;
            }
        }
        if self.eat("else").is_ok() {
            self.list(&["fi"], pending)?;
        } else if pending {
            self.status = 0;
        }
        self.eat("fi")
    }

    /// Runs (or reads past) words and redirections up to an operator.
    fn simple(&mut self, live: bool) -> Result<(), Stop> {
        let (start, mut words, mut away) = (self.pos, Vec::new(), false);
        loop {
            match self.toks.get(self.pos) {
                Some(Tok::Word(w)) => words.push(w.clone()),
                Some(&Tok::Redirect(file)) => {
                    away |= file;
                    let target = matches!(self.toks.get(self.pos + 1), Some(Tok::Word(_)));
                    self.pos += usize::from(target);
                }
                _ if self.pos == start => return Err(Stop::Exit(2)),
                _ => break,
            }
            self.pos += 1;
        }
        let result = match away || self.toks.get(self.pos) == Some(&Tok::Pipe) {
            _ if !live => Ok(()),
            true => self.captured(|sh| sh.exec(&words)).0,
            false => self.exec(&words),
        };
        match result {
            Err(Stop::Error) => {
                self.status = 1;
                Ok(())
            }
            result => result,
        }
    }

    /// Runs assignments and a program with its expanded arguments.
    fn exec(&mut self, words: &[String]) -> Result<(), Stop> {
        let mut args = Vec::new();
        for word in words {
            match assignment(word) {
                Some((name, value)) if args.is_empty() => {
                    let value = self.expand(value, false, false)?.concat();
                    self.set(name, &value);
                }
                _ => args.extend(self.expand(word, true, false)?),
            }
        }
        self.status = self.builtin(&args)?;
        Ok(())
    }

    /// Runs a builtin (other programs do nothing); gives its exit status.
    fn builtin(&mut self, args: &[String]) -> Result<i32, Stop> {
        let exec = args.iter().take_while(|a| *a == "exec").count();
        let Some((first, rest)) = args.get(exec..).and_then(|a| a.split_first()) else {
            return Ok(0);
        };
        match base(first) {
            "echo" => self.write(&echo(rest)),
            "printf" => match rest.split_first() {
                Some((format, values)) => self.write(&printf(format, values)),
                None => Ok(1),
            },
            "date" => {
                let format = rest.iter().find_map(|a| a.strip_prefix('+'));
                let now = self.start.saturating_add(self.now);
                self.write(&(date(now, format.unwrap_or("%a %b %e %H:%M:%S UTC %Y")) + "\n"))
            }
            "hostname" => self.write(&format!("{}\n", self.hostname)),
            "sleep" => {
                let add = |total: Millis, a: &String| Some(total.saturating_add(duration(a)?));
                match rest.iter().try_fold(0, add) {
                    Some(ms) if !rest.is_empty() => self.sleep_for(ms),
                    _ => Ok(1),
                }
            }
            "tail" if rest.iter().any(|a| a == "-f" || a == "-F") => self.sleep_for(Millis::MAX),
            "false" | "read" => Ok(1),
            "exit" => Err(Stop::Exit(match rest.first() {
                Some(code) => code.parse::<i64>().map_or(2, |n| (n & 255) as i32),
                None => self.status,
            })),
            "export" | "readonly" | "local" => {
                for (name, value) in rest.iter().filter_map(|a| assignment(a)) {
                    self.set(name, value);
                }
                Ok(0)
            }
            "seq" => self.seq(rest),
            "test" => Ok(test(rest)),
            "[" => Ok(match rest.split_last() {
                Some((last, cond)) if last == "]" => test(cond),
                _ => 2,
            }),
            "break" => Err(Stop::Break),
            "continue" => Err(Stop::Continue),
            "true" | ":" | "cat" | "tail" => Ok(0),
            other if UTILITIES.contains(&other) => Ok(0),
            _ => self.sleep_for(self.others.unwrap_or(Millis::MAX)),
        }
    }

    /// Lets `ms` pass (`Millis::MAX` is for ever), stopping at the horizon.
    fn sleep_for(&mut self, ms: Millis) -> Result<i32, Stop> {
        let until = self.now.saturating_add(ms);
        self.now = until.min(self.horizon);
        let done = until <= self.horizon && ms < Millis::MAX;
        done.then_some(0).ok_or(Stop::Horizon)
    }

    /// `seq LAST`, `seq FIRST LAST` or `seq FIRST STEP LAST` on integers.
    fn seq(&mut self, args: &[String]) -> Result<i32, Stop> {
        let numbers: Result<Vec<i64>, _> = args.iter().map(|a| a.parse()).collect();
        let (mut at, step, last) = match numbers.as_deref() {
            Ok(&[last]) => (1, 1, last),
            Ok(&[first, last]) => (first, 1, last),
            Ok(&[first, step, last]) if step != 0 => (first, step, last),
            _ => return Ok(1),
        };
        while (step > 0 && at <= last) || (step < 0 && at >= last) {
            self.tick(1)?;
            self.write(&format!("{at}\n"))?;
            let Some(next) = at.checked_add(step) else {
                break;
            };
            at = next;
        }
        Ok(0)
    }

    /// Expands word text into fields: quotes, escapes, `$…` and backticks, splitting unquoted
    /// expansions on blanks when `split`. Inside double quotes (`quoted`) only `$`, backticks and
    /// `\$ \` \" \\` are special.
    fn expand(&mut self, word: &str, split: bool, quoted: bool) -> Result<Vec<String>, Stop> {
        let s: Vec<char> = word.chars().collect();
        self.tick(1 + s.len() as u64 / 128)?;
        let (mut fields, mut current, mut i) = (Vec::new(), None::<String>, 0);
        while let Some(&c) = s.get(i) {
            let escaped = s.get(i + 1).filter(|n| !quoted || "$`\"\\\n".contains(**n));
            let end = match c {
                '\\' if escaped.is_some() => i + 2,
                '\'' | '"' if quoted => i + 1,
                _ => part_end(&s, i),
            };
            let inner = text(s.get(i + 1..end - 1).unwrap_or_default());
            let open = end - 1 == i || s.get(end - 1) != Some(&c);
            if matches!(c, '\'' | '"') && !quoted && open {
                return Err(Stop::Exit(2));
            }
            let (piece, literal) = match c {
                '\\' if end == i + 2 => {
                    (escaped.filter(|n| **n != '\n').map(char::to_string), true)
                }
                '\'' if end > i + 1 => (Some(inner), true),
                '"' if end > i + 1 => (Some(self.expand(&inner, false, true)?.concat()), true),
                '$' | '`' => (
                    Some(self.dollar(s.get(i..end).unwrap_or_default())?),
                    quoted || !split,
                ),
                _ => (Some(c.to_string()), true),
            };
            let piece = piece.unwrap_or_default();
            if literal {
                current.get_or_insert_default().push_str(&piece);
            }
            for c in piece.chars().filter(|_| !literal) {
                match c.is_ascii_whitespace() {
                    true => fields.extend(current.take()),
                    false => current.get_or_insert_default().push(c),
                }
            }
            i = end;
        }
        fields.extend(current);
        Ok(fields)
    }

    /// The value of one `$…` or backtick expansion.
    fn dollar(&mut self, s: &[char]) -> Result<String, Stop> {
        let value = match s {
            ['$', '(', '(', inner @ .., ')', ')'] => self.nested(|sh| sh.arith(&text(inner)))?,
            ['$', '(', inner @ .., ')'] | ['`', inner @ .., '`'] => {
                self.substitute(&text(inner))?
            }
            ['$', '{', '#', name @ .., '}'] => self.param(&text(name)).chars().count().to_string(),
            ['$', '{', inner @ .., '}'] => {
                let inner = text(inner);
                let (name, default) = inner.split_once(":-").unwrap_or((&inner, ""));
                match self.param(name) {
                    value if value.is_empty() => {
                        self.nested(|sh| sh.expand(default, false, true))?.concat()
                    }
                    value => value,
                }
            }
            ['$'] => "$".to_string(),
            ['$', '(' | '{', ..] => return Err(Stop::Exit(2)),
            ['$', name @ ..] => self.param(&text(name)),
            _ => return Err(Stop::Exit(2)),
        };
        self.tick(value.len() as u64 / 128)?;
        Ok(value)
    }

    /// `$((…))`: parameters expanded, then + - * / % and parentheses evaluated on i64.
    fn arith(&mut self, inner: &str) -> Result<String, Stop> {
        let expr = self.expand(inner, false, true)?.concat();
        let expr: Vec<char> = expr.chars().filter(|c| !c.is_whitespace()).collect();
        let mut i = 0;
        let value = (expr.len() <= MAX_SMALL).then(|| self.calc(&expr, &mut i, 0));
        match value.flatten().filter(|_| i == expr.len()) {
            Some(v) => Ok(v.to_string()),
            None => Err(Stop::Error),
        }
    }

    /// Arithmetic at precedence `level` and above (0: `+ -`, 1: `* / %`, 2: atoms); None on error.
    fn calc(&self, s: &[char], i: &mut usize, level: usize) -> Option<i64> {
        let Some(ops) = ["+-", "*/%"].get(level) else {
            return self.atom(s, i);
        };
        let mut v = self.calc(s, i, level + 1)?;
        while let Some(&op) = s.get(*i).filter(|c| ops.contains(**c)) {
            *i += 1;
            let r = self.calc(s, i, level + 1)?;
            v = match op {
                '+' => v.wrapping_add(r),
                '-' => v.wrapping_sub(r),
                '*' => v.wrapping_mul(r),
                '/' => v.checked_div(r)?,
                _ => v.checked_rem(r)?,
            };
        }
        Some(v)
    }

    /// An arithmetic number, variable name, signed atom or parenthesised expression.
    fn atom(&self, s: &[char], i: &mut usize) -> Option<i64> {
        let c = *s.get(*i)?;
        *i += 1;
        Some(match c {
            '-' => self.atom(s, i)?.wrapping_neg(),
            '+' => self.atom(s, i)?,
            '(' => {
                let v = self.calc(s, i, 0)?;
                (s.get(*i) == Some(&')')).then(|| *i += 1)?;
                v
            }
            _ if c.is_ascii_alphanumeric() || c == '_' => {
                let start = *i - 1;
                *i += name_len(s, *i);
                let name = text(s.get(start..*i)?);
                match c.is_ascii_digit() {
                    true => name.parse().ok()?,
                    false => self.param(&name).trim().parse().unwrap_or(0),
                }
            }
            _ => return None,
        })
    }

    /// `$(…)`: the script's output without trailing newlines (`exit` leaves only the substitution,
    /// and its status is not kept).
    fn substitute(&mut self, src: &str) -> Result<String, Stop> {
        let (result, out) = self.captured(|sh| sh.script(src));
        if let Err(stop @ (Stop::Horizon | Stop::Full)) = result {
            return Err(stop);
        }
        Ok(out.trim_end_matches('\n').to_string())
    }
}

/// `NAME` and `value` when `word` is `NAME=value`.
fn assignment(word: &str) -> Option<(&str, &str)> {
    let (name, value) = word.split_once('=')?;
    let first = name.chars().next().is_some_and(|c| !c.is_ascii_digit());
    let valid = first && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then_some((name, value))
}

/// `test`/`[`: an optional `!`, then a string, `-z`/`-n`, or a comparison; 0 true, 1 false, 2 error.
fn test(args: &[String]) -> i32 {
    let (negate, args) = match args {
        [not, rest @ ..] if not == "!" && !rest.is_empty() => (true, rest),
        _ => (false, args),
    };
    let number = |a: &String| a.trim().parse::<i64>().ok();
    let truth = match args {
        [] => false,
        [a] => !a.is_empty(),
        [op, a] => op == "-n" && !a.is_empty() || op == "-z" && a.is_empty(),
        [a, op, b] => match (op.as_str(), number(a), number(b)) {
            ("=" | "==", ..) => a == b,
            ("!=", ..) => a != b,
            ("-lt", Some(x), Some(y)) => x < y,
            ("-le", Some(x), Some(y)) => x <= y,
            ("-gt", Some(x), Some(y)) => x > y,
            ("-ge", Some(x), Some(y)) => x >= y,
            ("-eq", Some(x), Some(y)) => x == y,
            ("-ne", Some(x), Some(y)) => x != y,
            _ => return 2,
        },
        _ => return 2,
    };
    i32::from(truth == negate)
}

/// Interprets `\n`, `\t`, `\r` and `\\` (NUL, which no real argument holds, stands in for `\\`).
fn unescape(s: &str) -> String {
    let s = s.replace("\\\\", "\0").replace("\\n", "\n");
    let s = s.replace("\\t", "\t").replace("\\r", "\r");
    s.replace('\0', "\\")
}

/// busybox `echo [-neE]… WORDS`: escapes only with `-e`.
fn echo(args: &[String]) -> String {
    let flag = |a: &&String| {
        a.len() > 1 && a.starts_with('-') && a.chars().skip(1).all(|c| "neE".contains(c))
    };
    let (flags, words) = args.split_at(args.iter().take_while(flag).count());
    let (flags, out) = (flags.concat(), words.join(" "));
    let escapes = flags.contains('e');
    let out = if escapes { unescape(&out) } else { out };
    if flags.contains('n') {
        out
    } else {
        out + "\n"
    }
}

/// printf's output: FORMAT (%s %d %i %x %c %%, `-`/`0` flags, width) applied while values remain.
fn printf(format: &str, values: &[String]) -> String {
    let (format, mut values, mut out) = (unescape(format), values.iter(), String::new());
    loop {
        let (before, mut chars) = (values.len(), format.chars().peekable());
        while let Some(c) = chars.next() {
            let mut spec = String::new();
            while let Some(d) = chars.next_if(|d| c == '%' && "-0123456789".contains(*d)) {
                spec.push(d);
            }
            let digits = spec.trim_start_matches(['-', '0']);
            let flags = spec.strip_suffix(digits).unwrap_or("");
            let width = digits.parse().unwrap_or(0).min(MAX_SMALL);
            let (left, zero) = (flags.contains('-'), flags.contains('0'));
            let conversion = chars.next_if(|_| c == '%');
            let takes = conversion.filter(|c| "scdix".contains(*c));
            let arg = takes
                .and_then(|_| values.next())
                .cloned()
                .unwrap_or_default();
            let number = arg.trim().parse::<i64>().unwrap_or(0);
            let field = match conversion {
                None => c.to_string(),
                Some('%') => "%".to_string(),
                Some('s') => arg,
                Some('c') => arg.chars().take(1).collect(),
                Some('d' | 'i') if zero && !left => format!("{number:0width$}"),
                Some('d' | 'i') => number.to_string(),
                Some('x') if zero && !left => format!("{number:0width$x}"),
                Some('x') => format!("{number:x}"),
                Some(other) => format!("%{spec}{other}"),
            };
            let pad = " ".repeat(width.saturating_sub(field.chars().count()));
            out += &if left { field + &pad } else { pad + &field };
        }
        if values.len() == 0 || values.len() == before || out.len() > MAX_TEXT {
            return out;
        }
    }
}

/// A `sleep` duration in ms: seconds with an optional fraction and s/m/h/d suffix, or
/// `infinity` (`Millis::MAX`).
fn duration(arg: &str) -> Option<Millis> {
    if arg == "infinity" || arg == "inf" {
        return Some(Millis::MAX);
    }
    let units = [1_000, 60_000, 3_600_000, 86_400_000];
    let unit = "smhd".find(|c| arg.ends_with(c)).and_then(|i| units.get(i));
    let number = arg.strip_suffix(['s', 'm', 'h', 'd']).unwrap_or(arg);
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction) && whole.len() + fraction.len() > 0).then_some(())?;
    let whole: i64 = whole
        .parse()
        .unwrap_or(if whole.is_empty() { 0 } else { i64::MAX });
    let tenths = |(n, d): (i64, i64), b: u8| (n * 10 + i64::from(b - b'0'), d * 10);
    let (numerator, denominator) = fraction.bytes().take(9).fold((0, 1), tenths);
    let unit = *unit.unwrap_or(&1_000);
    Some(
        whole
            .saturating_mul(unit)
            .saturating_add(numerator * unit / denominator),
    )
}

/// A Unix time in ms formatted as `date +FORMAT` does in UTC: %Y %m %d %e %H %M %S %s %a %b %j
/// %Z %T %F %D %y %n %t %%, other conversions printed as they are.
fn date(epoch_ms: i64, format: &str) -> String {
    let t = jiff::Timestamp::from_millisecond(epoch_ms).unwrap_or_default();
    let t = jiff::tz::TimeZone::UTC.to_datetime(t);
    let day = usize::from(t.weekday().to_monday_zero_offset().unsigned_abs()) * 3;
    let month = usize::from(t.month().unsigned_abs()).saturating_sub(1) * 3;
    let (mut out, mut chars) = (String::new(), format.chars().peekable());
    while let Some(c) = chars.next() {
        let piece = match chars.next_if(|_| c == '%') {
            None => c.to_string(),
            Some('Y') => t.year().to_string(),
            Some('m') => format!("{:02}", t.month()),
            Some('d') => format!("{:02}", t.day()),
            Some('e') => format!("{:2}", t.day()),
            Some('H') => format!("{:02}", t.hour()),
            Some('M') => format!("{:02}", t.minute()),
            Some('S') => format!("{:02}", t.second()),
            Some('s') => epoch_ms.div_euclid(1000).to_string(),
            Some('a') => "MonTueWedThuFriSatSun"
                .get(day..day + 3)
                .unwrap_or("")
                .into(),
            Some('b') => "JanFebMarAprMayJunJulAugSepOctNovDec"
                .get(month..month + 3)
                .unwrap_or("")
                .into(),
            Some('j') => format!("{:03}", t.day_of_year()),
            Some('Z') => "UTC".into(),
            Some('T') => date(epoch_ms, "%H:%M:%S"),
            Some('F') => date(epoch_ms, "%Y-%m-%d"),
            Some('D') => date(epoch_ms, "%m/%d/%y"),
            Some('y') => format!("{:02}", t.year().rem_euclid(100)),
            Some('n') => "\n".into(),
            Some('t') => "\t".into(),
            Some('%') => "%".into(),
            Some(other) => format!("%{other}"),
        };
        out += &piece;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-01-01T00:00:00Z, a Thursday.
    const START: i64 = 1_767_225_600_000;
    const HOUR: Millis = 3_600_000;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    /// Runs `words` with a hostname and two variables; gives its lines as "TIME TEXT" rows.
    fn run_words(list: &[&str], horizon: Millis, max_lines: usize) -> (String, Run) {
        let vars = [("GREETING", "hello  world"), ("N", "3")].map(|(n, v)| (n.into(), v.into()));
        let env = Env {
            hostname: "web-0",
            vars: &vars,
            others: None,
        };
        let run = run(&words(list), &env, START, horizon, max_lines);
        let rows: Vec<String> = run
            .lines
            .iter()
            .map(|(at, l)| format!("{at} {l}"))
            .collect();
        (rows.join("\n"), run)
    }

    /// Runs a script under `sh -c`.
    fn sh(script: &str, horizon: Millis, max_lines: usize) -> (String, Run) {
        run_words(&["sh", "-c", script], horizon, max_lines)
    }

    /// Scripts, what they print (all at time 0), and their exit code.
    #[rustfmt::skip]
    const CASES: &[(&str, &str, i32)] = &[
        ("echo hi", "hi", 0),
        ("echo -n a; echo b; echo -n c", "ab\nc", 0),
        (r"echo -e 'a\tb\nc\\d'", "a\tb\nc\\d", 0),
        (r"echo 'a\nb' -x", r"a\nb -x", 0),
        ("echo \"$GREETING\" $GREETING", "hello  world hello world", 0),
        ("for w in $GREETING; do echo \"<$w>\"; done", "<hello>\n<world>", 0),
        ("for w in \"$GREETING\" ''; do echo \"<$w>\"; done", "<hello  world>\n<>", 0),
        (r#"echo '$N' "$N" \$N ${N}x $NOPE. "a  b" c\ \ d"#, "$N 3 $N 3x . a  b c  d", 0),
        ("echo \"a\\\"b\" 'c\"d' \"e'f\" \"\\$x\"", "a\"b c\"d e'f $x", 0),
        ("echo $HOSTNAME; hostname", "web-0\nweb-0", 0),
        ("false; echo $?; true; echo $? $$", "1\n0 1", 0),
        ("echo $((1 + 2 * 3)) $(( (1+2)*3 )) $((7/2)) $((7%3)) $((-N+1))", "7 9 3 1 -2", 0),
        ("x=5; echo $((x * 2)) $(($x-1)) $((9223372036854775807 + 1))", "10 4 -9223372036854775808", 0),
        ("echo $((1/0)); echo after $?; echo $((2 +))", "after 1", 1),
        ("echo $(echo in $(echo deep)) `echo tick`", "in deep tick", 0),
        ("x=$(printf 'a\\n\\n'); echo \"[$x]\"", "[a]", 0),
        ("echo \"$(exit 4)\" $?", " 0", 0),
        (r"printf '%s-%d\n' a 1 b 2 c", "a-1\nb-2\nc-0", 0),
        (r"printf '[%5d|%-4s|%x|%c|%%|%03d]\n' 42 ab 255 xyz 7", "[   42|ab  |ff|x|%|007]", 0),
        ("printf 'no newline'; printf ' %s' end", "no newline end", 0),
        ("date; date -u +%Y-%m-%dT%H:%M:%S%Z", "Thu Jan  1 00:00:00 UTC 2026\n2026-01-01T00:00:00UTC", 0),
        ("for i in $(seq 3); do echo $i; done", "1\n2\n3", 0),
        ("seq 2 4; seq 10 -4 1", "2\n3\n4\n10\n6\n2", 0),
        ("i=0; while [ \"$i\" -lt 3 ]; do echo $i; i=$((i+1)); done", "0\n1\n2", 0),
        ("i=0; until [ $i -ge 2 ]; do i=$((i+1)); echo $i; done", "1\n2", 0),
        ("for a in 1 2; do for b in x y; do echo $a$b; done; done", "1x\n1y\n2x\n2y", 0),
        ("for n in 1 2 3; do if [ $n -eq 1 ]; then echo one; elif [ $n = 2 ]; then echo two; else echo many; fi; done", "one\ntwo\nmany", 0),
        ("if false; then echo no; fi; echo $?", "0", 0),
        ("true && echo yes || echo no; false && echo yes || echo no", "yes\nno", 0),
        ("[ -z '' ] && [ -n x ] && [ a != b ] && test 2 -le 2 && [ ! 1 -gt 2 ] && echo ok", "ok", 0),
        ("[ 1 -lt 2 ]; echo $?; [ a -lt 2 ]; echo $?; [ 1 ]; echo $?", "0\n2\n0", 0),
        ("echo before; exit 3; echo never", "before", 3),
        ("false", "", 1),
        ("echo hidden | echo shown", "shown", 0),
        ("echo a # a comment\n  # whole line\necho b#c", "a\nb#c", 0),
        ("export A=1; B='x  y'; echo $A \"$B\"", "1 x  y", 0),
        ("echo a & echo b", "a\nb", 0),
        (": ; cat /etc/hosts; tail /x; mkdir -p /x; echo $?", "0", 0),
        ("echo quiet > /tmp/x; echo loud >&2; echo ok 2>/dev/null; echo add>>/f", "loud\nok", 0),
        ("for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done", "1\n3", 0),
        ("echo ${N:-x} ${NOPE:-dflt} ${#GREETING}", "3 dflt 12", 0),
        ("if then fi", "", 2),
        ("echo ok; echo 'open", "ok", 2),
        ("echo ok; done", "ok", 2),
        ("/bin/echo path; exec echo replaced", "path\nreplaced", 0),
    ];

    #[test]
    fn scripts_print_and_exit() {
        for &(script, want, code) in CASES {
            let (_, run) = sh(script, HOUR, 100);
            let lines: Vec<&str> = run.lines.iter().map(|(_, l)| l.as_str()).collect();
            assert_eq!(lines.join("\n"), want, "{script}");
            let exited = matches!(run.end, End::Exited { code: c, .. } if c == code);
            assert!(exited && !run.truncated, "{script}: {:?}", run.end);
        }
    }

    /// Scripts, a horizon, what they print as "TIME TEXT" rows, and how they end.
    #[rustfmt::skip]
    const TIMED: &[(&str, Millis, &str, End)] = &[
        ("sleep 1.5; echo a; sleep 2m; echo b", HOUR, "1500 a\n121500 b", End::Exited { at: 121_500, code: 0 }),
        ("echo -n a; sleep 1; echo -n b; sleep 1", HOUR, "1000 ab", End::Exited { at: 2_000, code: 0 }),
        ("echo -n a; sleep 1; echo b", HOUR, "1000 ab", End::Exited { at: 1_000, code: 0 }),
        ("sleep .5; sleep 1.25s 0; echo x", HOUR, "1750 x", End::Exited { at: 1_750, code: 0 }),
        ("sleep 3725; date '+%F %T %s %j %a %b %e %D %y %%'", HOUR * 2, "3725000 2026-01-01 01:02:05 1767229325 001 Thu Jan  1 01/01/26 26 %", End::Exited { at: 3_725_000, code: 0 }),
        ("sleep 1h 1s; x=$(sleep 1; echo late); echo $x", HOUR * 2, "3602000 late", End::Exited { at: 3_602_000, code: 0 }),
        ("echo start; sleep 100; echo end", 50_000, "0 start", End::Running),
        ("while true; do echo tick; sleep 10; done", 25_000, "0 tick\n10000 tick\n20000 tick", End::Running),
        ("sleep 10; echo edge", 10_000, "10000 edge", End::Exited { at: 10_000, code: 0 }),
        ("sleep infinity; echo never", HOUR, "", End::Running),
        ("tail -f /dev/null", HOUR, "", End::Running),
        ("echo x", -1, "", End::Running),
    ];

    #[test]
    fn time_passes_only_in_sleep_up_to_the_horizon() {
        for &(script, horizon, want, end) in TIMED {
            let (rows, run) = sh(script, horizon, 10);
            let got = (rows.as_str(), run.end, run.truncated);
            assert_eq!(got, (want, end, false), "{script}");
        }
    }

    #[test]
    fn seed_script_pings_then_pongs() {
        let script = "echo [`date`] ping!\nsleep 10\necho [`date`] pong!\n";
        let (rows, run) = run_words(&["/bin/sh", "-c", script], HOUR, 10);
        // The unquoted substitution is split into fields, so `Jan  1` prints as `Jan 1`, as in sh.
        let ping = "0 [Thu Jan 1 00:00:00 UTC 2026] ping!";
        assert_eq!(
            rows,
            ping.to_string() + "\n10000 [Thu Jan 1 00:00:10 UTC 2026] pong!"
        );
        assert_eq!(run.end, End::Exited { at: 10000, code: 0 });
        let quoted = sh("echo \"[`date`] ping!\"", HOUR, 10).0;
        assert_eq!(quoted, "0 [Thu Jan  1 00:00:00 UTC 2026] ping!");
    }

    #[test]
    fn endless_output_is_cut() {
        #[rustfmt::skip]
        let table = [
            ("while true; do echo x; done", 1000, (1000, End::Running, true)),
            ("while :; do :; done", 10, (0, End::Running, true)),
            ("x=ab; while true; do x=$x$x; echo -n .; done", 10, (1, End::Running, true)),
            ("echo a; echo b; echo -n c", 2, (2, End::Exited { at: 0, code: 0 }, true)),
        ];
        for (script, max_lines, want) in table {
            let (_, run) = sh(script, HOUR, max_lines);
            assert_eq!((run.lines.len(), run.end, run.truncated), want, "{script}");
        }
    }

    #[test]
    fn plain_programs_run_without_a_shell() {
        assert_eq!(run_words(&["echo", "hi", "$N"], HOUR, 10).0, "0 hi $N");
        assert_eq!(run_words(&["date", "+%s"], HOUR, 10).0, "0 1767225600");
        assert_eq!(run_words(&["hostname"], HOUR, 10).0, "0 web-0");
        let (rows, run) = run_words(&["nginx", "-g", "daemon off;"], HOUR, 10);
        assert_eq!((rows.as_str(), run.end), ("", End::Running));
    }

    #[test]
    fn garbage_stops_without_panicking() {
        let deep = |open: &str| open.repeat(10_000) + &")".repeat(10_000);
        #[rustfmt::skip]
        let scripts = [
            "echo 'unbalanced", "echo \"abc", "echo $((", ")))", "echo $((1+", "echo ${", "echo `",
            "for", "for i in", "while", "if true; then", "done", "&& ||", "| x", "> ", "\\",
            "x=$(( 1 ++ 2 ))", "printf %99999999999d 1", "sleep -1", "echo $((((((1))))))",
        ];
        let nested = ["$(", "$((", "\"$(", "if :; then ", "while :; do "].map(deep);
        for script in scripts.map(String::from).into_iter().chain(nested) {
            sh(&script, HOUR, 10);
        }
        let unclosed = sh(&("echo $((".to_string() + &"(".repeat(10_000)), HOUR, 10).1;
        assert_eq!(unclosed.end, End::Exited { at: 0, code: 2 });
        assert_eq!(sh("echo $((((((1))))))", HOUR, 10).0, "0 1");
    }

    #[test]
    fn ends_agree_with_runs() {
        #[rustfmt::skip]
        let table: [(&[&str], Ends); 12] = [
            (&["sleep", "30"], Ends::At(30_000, 0)),
            (&["sleep", "infinity"], Ends::Never),
            (&["sh", "-c", "echo hi; sleep 10; exit 3"], Ends::At(10_000, 3)),
            (&["sh", "-c", "while true; do sleep 1; done"], Ends::Never),
            (&["/bin/sh", "-c", "sleep 2 && false"], Ends::At(2_000, 1)),
            (&["false"], Ends::At(0, 1)),
            (&["true"], Ends::At(0, 0)),
            (&["nginx"], Ends::Unknown),
            (&["sh", "-c", "tail -f /dev/null"], Ends::Never),
            (&["sh", "-c", "while true; do echo x; done"], Ends::Never),
            (&["sh", "-c", "for i in 1 2 3; do sleep 1; done"], Ends::At(3_000, 0)),
            (&["bash", "-ec", "sleep 1.5s"], Ends::At(1_500, 0)),
        ];
        for (list, want) in table {
            assert_eq!(ends(&words(list), None), want, "{list:?}");
        }
        // A program the shell does not simulate is the workload: a server under None, a task of
        // the given length otherwise; file utilities take no time.
        let workload: [(&[&str], Option<Millis>, Ends); 4] = [
            (
                &["sh", "-c", "echo start; exec nginx -g 'daemon off;'"],
                None,
                Ends::Never,
            ),
            (
                &["sh", "-c", "python train.py; echo done"],
                Some(5_000),
                Ends::At(5_000, 0),
            ),
            (
                &["sh", "-c", "mkdir -p /data && cp a b && sleep 2"],
                None,
                Ends::At(2_000, 0),
            ),
            (
                &["sh", "-c", "./migrate && exit 4"],
                Some(1_000),
                Ends::At(1_000, 4),
            ),
        ];
        for (list, others, want) in workload {
            assert_eq!(ends(&words(list), others), want, "{list:?}");
        }
    }

    /// Scripts stitched at random from the grammar's pieces, well formed or not: none panics,
    /// every run ends, its lines stay in time order within the horizon, and `ends` agrees with a
    /// run that exited.
    #[test]
    fn random_scripts_keep_the_promises() {
        const PIECES: &[&str] = &[
            "echo ",
            "printf '%s-%d\\n' ",
            "date ",
            "date +%T ",
            "hostname ",
            "sleep 1 ",
            "sleep 0.5 ",
            "exit 3 ",
            "true ",
            "false ",
            ": ",
            "seq 3 ",
            "for i in 1 2; do ",
            "while [ $i -lt 3 ]; do ",
            "until false; do ",
            "done ",
            "if ",
            "then ",
            "elif ",
            "else ",
            "fi ",
            "; ",
            "&& ",
            "|| ",
            "| ",
            "& ",
            "\n",
            "$i ",
            "${N} ",
            "${N:-x} ",
            "${#N} ",
            "$(( ",
            "1+2 ",
            "/0 ",
            ")) ",
            "$( ",
            ") ",
            "`",
            "\"",
            "'",
            "\\",
            "# c\n",
            "i=$((i+1)) ",
            "[ ",
            "] ",
            "-eq ",
            "x=y ",
            "export A=1 ",
            "./work ",
            "cat f ",
            "break ",
            "continue ",
            "tail -f x ",
            "(",
            "{ ",
            "} ",
            "$? ",
            "$$ ",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..4_000 {
            let len = 1 + next(24);
            let script: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
            let words = words(&["sh", "-c", &script]);
            let env = Env {
                hostname: "",
                vars: &[],
                others: Some(2_000),
            };
            let r = run(&words, &env, START, HOUR, 40);
            assert!(r.lines.len() <= 40, "{script:?}");
            let mut last = 0;
            for (at, _) in &r.lines {
                assert!((last..=HOUR).contains(at), "{script:?}: a line at {at}");
                last = *at;
            }
            if let (End::Exited { at, code }, false) = (r.end, r.truncated) {
                match ends(&words, Some(2_000)) {
                    Ends::At(when, how) => assert_eq!((when, how), (at, code), "{script:?}"),
                    Ends::Never => panic!("{script:?} exited at {at} but never ends"),
                    Ends::Unknown => {}
                }
            }
        }
    }
}
