//! The selector parser: apimachinery's recursive descent with one token of lookahead, same messages.
//!
//! `in` and `notin` read as identifiers wherever a value or key may stand ("values context"), as
//! upstream does, so `in in (in)` is a valid selector.

use super::lex::{lex, Scanned, Token};
use super::{Operator, Requirement, Selector, SelectorError};
use crate::validation::{go_quote, is_qualified_name, is_valid_label_value};

struct Parser {
    items: Vec<Scanned>,
    pos: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Context {
    KeyAndOperator,
    Values,
}

impl Parser {
    fn token_at(&self, i: usize, ctx: Context) -> (Token, &str, usize) {
        // `lex` always ends with EndOfString, and the parser never moves past it.
        let item = &self.items[i.min(self.items.len() - 1)];
        let tok = match (ctx, item.token) {
            (Context::Values, Token::In | Token::NotIn) => Token::Identifier,
            (_, t) => t,
        };
        (tok, item.literal.as_str(), item.offset)
    }

    fn lookahead(&self, ctx: Context) -> (Token, String, usize) {
        let (t, l, o) = self.token_at(self.pos, ctx);
        (t, l.to_string(), o)
    }

    fn consume(&mut self, ctx: Context) -> (Token, String, usize) {
        let r = self.lookahead(ctx);
        if self.pos < self.items.len() - 1 {
            self.pos += 1;
        }
        r
    }
}

fn err(message: String, offset: usize) -> SelectorError {
    SelectorError { message, offset }
}

/// Parses the string syntax, returning the requirements sorted by key.
pub fn parse(input: &str) -> Result<Selector, SelectorError> {
    let mut p = Parser {
        items: lex(input),
        pos: 0,
    };
    let mut reqs = Vec::new();
    loop {
        let (tok, lit, off) = p.lookahead(Context::Values);
        match tok {
            Token::Identifier | Token::DoesNotExist => {
                let r = parse_requirement(&mut p).map_err(|e| SelectorError {
                    message: format!("unable to parse requirement: {}", e.message),
                    offset: e.offset,
                })?;
                reqs.push(r);
                let (t, l, o) = p.consume(Context::Values);
                match t {
                    Token::EndOfString => break,
                    Token::Comma => {
                        let (t2, l2, o2) = p.lookahead(Context::Values);
                        if t2 != Token::Identifier && t2 != Token::DoesNotExist {
                            return Err(err(
                                format!("found '{l2}', expected: identifier after ','"),
                                o2,
                            ));
                        }
                    }
                    _ => {
                        return Err(err(
                            format!("found '{l}', expected: ',' or 'end of string'"),
                            o,
                        ))
                    }
                }
            }
            Token::EndOfString => break,
            _ => {
                return Err(err(
                    format!("found '{lit}', expected: !, identifier, or 'end of string'"),
                    off,
                ))
            }
        }
    }
    crate::sort::by(&mut reqs, |a: &Requirement, b: &Requirement| {
        a.key.cmp(&b.key)
    });
    Ok(Selector::Requirements(reqs))
}

fn parse_requirement(p: &mut Parser) -> Result<Requirement, SelectorError> {
    let (key, op, key_off) = parse_key_and_infer_operator(p)?;
    if let Some(op @ (Operator::Exists | Operator::DoesNotExist)) = op {
        return new_requirement(key, op, Vec::new(), key_off);
    }
    let (op_tok, op_lit, op_off) = p.consume(Context::KeyAndOperator);
    let op = match op_tok {
        Token::In => Operator::In,
        Token::Equals => Operator::Equals,
        Token::DoubleEquals => Operator::DoubleEquals,
        Token::GreaterThan => Operator::GreaterThan,
        Token::LessThan => Operator::LessThan,
        Token::NotIn => Operator::NotIn,
        Token::NotEquals => Operator::NotEquals,
        _ => {
            return Err(err(
                format!("found '{op_lit}', expected: in, notin, =, ==, !=, gt, lt"),
                op_off,
            ));
        }
    };
    let values = match op {
        Operator::In | Operator::NotIn => parse_values(p)?,
        _ => parse_exact_value(p)?,
    };
    new_requirement(key, op, values, op_off)
}

fn parse_key_and_infer_operator(
    p: &mut Parser,
) -> Result<(String, Option<Operator>, usize), SelectorError> {
    let mut op = None;
    let (mut tok, mut lit, mut off) = p.consume(Context::Values);
    if tok == Token::DoesNotExist {
        op = Some(Operator::DoesNotExist);
        (tok, lit, off) = p.consume(Context::Values);
    }
    if tok != Token::Identifier {
        return Err(err(format!("found '{lit}', expected: identifier"), off));
    }
    let errs = is_qualified_name(&lit);
    if !errs.is_empty() {
        return Err(err(
            format!(
                "<nil>: Invalid value: {}: {}",
                go_quote(&lit),
                errs.join("; ")
            ),
            off,
        ));
    }
    let (next, _, _) = p.lookahead(Context::Values);
    if (next == Token::EndOfString || next == Token::Comma) && op.is_none() {
        op = Some(Operator::Exists);
    }
    Ok((lit, op, off))
}

fn parse_values(p: &mut Parser) -> Result<Vec<String>, SelectorError> {
    let (tok, lit, off) = p.consume(Context::Values);
    if tok != Token::OpenPar {
        return Err(err(format!("found '{lit}' expected: '('"), off));
    }
    let (tok, lit, off) = p.lookahead(Context::Values);
    match tok {
        Token::Identifier | Token::Comma => {
            let values = parse_identifiers_list(p)?;
            let (t, _, o) = p.consume(Context::Values);
            if t != Token::ClosedPar {
                return Err(err(format!("found '{lit}', expected: ')'"), o));
            }
            Ok(values)
        }
        Token::ClosedPar => {
            p.consume(Context::Values);
            Ok(vec![String::new()])
        }
        _ => Err(err(
            format!("found '{lit}', expected: ',', ')' or identifier"),
            off,
        )),
    }
}

/// A comma-separated list in which empty entries stand for the empty value, as upstream.
fn parse_identifiers_list(p: &mut Parser) -> Result<Vec<String>, SelectorError> {
    let mut set: Vec<String> = Vec::new();
    let insert = |set: &mut Vec<String>, v: String| {
        if !set.contains(&v) {
            set.push(v);
        }
    };
    loop {
        let (tok, lit, off) = p.consume(Context::Values);
        match tok {
            Token::Identifier => {
                insert(&mut set, lit);
                let (t2, l2, o2) = p.lookahead(Context::Values);
                match t2 {
                    Token::Comma => continue,
                    Token::ClosedPar => return Ok(set),
                    _ => return Err(err(format!("found '{l2}', expected: ',' or ')'"), o2)),
                }
            }
            Token::Comma => {
                if set.is_empty() {
                    insert(&mut set, String::new());
                }
                let (t2, _, _) = p.lookahead(Context::Values);
                if t2 == Token::ClosedPar {
                    insert(&mut set, String::new());
                    return Ok(set);
                }
                if t2 == Token::Comma {
                    p.consume(Context::Values);
                    insert(&mut set, String::new());
                }
            }
            _ => {
                return Err(err(
                    format!("found '{lit}', expected: ',', or identifier"),
                    off,
                ))
            }
        }
    }
}

fn parse_exact_value(p: &mut Parser) -> Result<Vec<String>, SelectorError> {
    let (tok, _, _) = p.lookahead(Context::Values);
    if tok == Token::EndOfString || tok == Token::Comma {
        return Ok(vec![String::new()]);
    }
    let (tok, lit, off) = p.consume(Context::Values);
    if tok == Token::Identifier {
        return Ok(vec![lit]);
    }
    Err(err(format!("found '{lit}', expected: identifier"), off))
}

/// apimachinery's `NewRequirement` checks, with its field paths (`values[0]`), aggregated as upstream.
pub(super) fn new_requirement(
    key: String,
    op: Operator,
    mut values: Vec<String>,
    offset: usize,
) -> Result<Requirement, SelectorError> {
    crate::sort::sort(&mut values);
    values.dedup();
    let mut errs: Vec<String> = Vec::new();
    let keyerrs = is_qualified_name(&key);
    if !keyerrs.is_empty() {
        errs.push(format!(
            "key: Invalid value: {}: {}",
            go_quote(&key),
            keyerrs.join("; ")
        ));
    }
    let list = || {
        format!(
            "[]string{{{}}}",
            values
                .iter()
                .map(|v| go_quote(v))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    match op {
        Operator::In | Operator::NotIn if values.is_empty() => errs.push(format!(
            "values: Invalid value: {}: for 'in', 'notin' operators, values set can't be empty",
            list()
        )),
        Operator::Equals | Operator::DoubleEquals | Operator::NotEquals if values.len() != 1 => {
            errs.push(format!(
                "values: Invalid value: {}: exact-match compatibility requires one single value",
                list()
            ))
        }
        Operator::Exists | Operator::DoesNotExist if !values.is_empty() => errs.push(format!(
            "values: Invalid value: {}: values set must be empty for exists and does not exist",
            list()
        )),
        Operator::GreaterThan | Operator::LessThan => {
            if values.len() != 1 {
                errs.push(format!(
                    "values: Invalid value: {}: for 'Gt', 'Lt' operators, exactly one value is required",
                    list()
                ));
            }
            for (i, v) in values.iter().enumerate() {
                if v.parse::<i64>().is_err() {
                    errs.push(format!(
                        "values[{i}]: Invalid value: {}: for 'Gt', 'Lt' operators, the value must be an integer",
                        go_quote(v)
                    ));
                }
            }
        }
        _ => {}
    }
    for (i, v) in values.iter().enumerate() {
        let verrs = is_valid_label_value(v);
        if !verrs.is_empty() {
            errs.push(format!(
                "values[{i}][{key}]: Invalid value: {}: {}",
                go_quote(v),
                verrs.join("; ")
            ));
        }
    }
    match errs.len() {
        0 => Ok(Requirement {
            key,
            operator: op,
            values,
        }),
        1 => Err(err(errs.remove(0), offset)),
        _ => Err(err(format!("[{}]", errs.join(", ")), offset)),
    }
}
