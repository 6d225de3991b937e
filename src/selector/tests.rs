//! Table-driven selector tests. Expectations follow apimachinery `pkg/labels/selector.go` and
//! `selector_test.go` (parse, messages, `String()`), and `metav1.LabelSelectorAsSelector`.

use super::*;

fn labels(s: &str) -> Labels {
    s.split(',')
        .filter(|p| !p.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

/// (input, canonical form): the selector parses and prints as upstream's `String()` does.
const VALID: &[(&str, &str)] = &[
    ("", ""),
    ("x=a", "x=a"),
    ("x==a", "x==a"),
    ("x!=a", "x!=a"),
    ("x=a,y=b,z=c", "x=a,y=b,z=c"),
    ("z=c,y=b,x=a", "x=a,y=b,z=c"),
    ("x!=a,y=b", "x!=a,y=b"),
    ("x=", "x="),
    ("x= ", "x="),
    ("x=,z= ", "x=,z="),
    ("x", "x"),
    ("!x", "!x"),
    ("x,y", "x,y"),
    ("y,x", "x,y"),
    ("!x,y", "!x,y"),
    ("x>1", "x>1"),
    ("x<1", "x<1"),
    ("x>1,z<5", "x>1,z<5"),
    ("x>0", "x>0"),
    ("x in (a)", "x in (a)"),
    ("x in (a,b)", "x in (a,b)"),
    ("x in (b,a)", "x in (a,b)"),
    ("x in ( a , b )", "x in (a,b)"),
    ("x in (a,a)", "x in (a)"),
    ("x in ()", "x in ()"),
    ("x in (,a)", "x in (,a)"),
    ("x in (a,)", "x in (,a)"),
    ("x in (a,,b)", "x in (,a,b)"),
    ("x notin (a)", "x notin (a)"),
    ("x notin (b,a)", "x notin (a,b)"),
    ("x notin ()", "x notin ()"),
    (
        "x in (foo,,baz),y,z notin ()",
        "x in (,baz,foo),y,z notin ()",
    ),
    ("in in (in)", "in in (in)"),
    ("notin notin (notin)", "notin notin (notin)"),
    ("x=in", "x=in"),
    ("a.b/c=d", "a.b/c=d"),
    ("example.com/app=web", "example.com/app=web"),
    (
        "app.kubernetes.io/name=nginx",
        "app.kubernetes.io/name=nginx",
    ),
    ("Upper_Case=Value_1", "Upper_Case=Value_1"),
    ("x=a,x=b", "x=a,x=b"),
    ("x=1.0", "x=1.0"),
    ("  x = a  ,  y = b  ", "x=a,y=b"),
    ("x\t=\ta", "x=a"),
    ("x=a\n,y", "x=a,y"),
    (
        "tier in (frontend, cache),env!=prod",
        "env!=prod,tier in (cache,frontend)",
    ),
    ("!canary,app=web", "app=web,!canary"),
    ("x==", "x=="),
    ("x!=", "x!="),
    ("k-1=v-1", "k-1=v-1"),
    ("a1.b2_c3-d4=e5", "a1.b2_c3-d4=e5"),
];

/// (input, message): apimachinery's wording, positions aside.
const INVALID: &[(&str, &str)] = &[
    (",x", "found ',', expected: !, identifier, or 'end of string'"),
    ("x=a,", "found '', expected: identifier after ','"),
    ("x=a,,y", "found ',', expected: identifier after ','"),
    ("x=a b", "found 'b', expected: ',' or 'end of string'"),
    ("!x=a", "found '=', expected: ',' or 'end of string'"),
    ("x=a=b", "found '=', expected: ',' or 'end of string'"),
    ("x (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"),
    ("x y", "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"),
    ("x in", "unable to parse requirement: found '' expected: '('"),
    ("x in a", "unable to parse requirement: found 'a' expected: '('"),
    ("x in (", "unable to parse requirement: found '', expected: ',', ')' or identifier"),
    ("x in (a", "unable to parse requirement: found '', expected: ',' or ')'"),
    ("x in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'"),
    ("x in (a,=)", "unable to parse requirement: found '=', expected: ',', or identifier"),
    ("x in ((a)", "unable to parse requirement: found '(', expected: ',', ')' or identifier"),
    ("x=(", "unable to parse requirement: found '(', expected: identifier"),
    ("x=)", "unable to parse requirement: found ')', expected: identifier"),
    ("x!=!", "unable to parse requirement: found '!', expected: identifier"),
    ("!", "unable to parse requirement: found '', expected: identifier"),
    ("!,x", "unable to parse requirement: found ',', expected: identifier"),
    ("=a", "found '=', expected: !, identifier, or 'end of string'"),
    ("(x)", "found '(', expected: !, identifier, or 'end of string'"),
    ("x>a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"),
    ("x<1.5", "unable to parse requirement: values[0]: Invalid value: \"1.5\": for 'Gt', 'Lt' operators, the value must be an integer"),
    ("x>", "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an integer"),
];

/// Inputs whose error starts with the given text (long validation messages).
const INVALID_PREFIX: &[(&str, &str)] = &[
    ("-x=a", "unable to parse requirement: <nil>: Invalid value: \"-x\": name part must consist of alphanumeric characters"),
    ("x-=a", "unable to parse requirement: <nil>: Invalid value: \"x-\": name part must consist of"),
    ("a/b/c=d", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of"),
    ("/x=a", "unable to parse requirement: <nil>: Invalid value: \"/x\": prefix part must be non-empty"),
    ("x/=a", "unable to parse requirement: <nil>: Invalid value: \"x/\": name part must be non-empty"),
    ("Example.com/x=a", "unable to parse requirement: <nil>: Invalid value: \"Example.com/x\": prefix part a lowercase RFC 1123 subdomain"),
    ("x=a||y", "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": a valid label must be an empty string"),
    ("x=-a", "unable to parse requirement: values[0][x]: Invalid value: \"-a\": a valid label must be"),
    ("x=a.", "unable to parse requirement: values[0][x]: Invalid value: \"a.\": a valid label must be"),
    ("x in (a,b c)", "unable to parse requirement: found 'c', expected: ',' or ')'"),
    ("x in (a,-b)", "unable to parse requirement: values[0][x]: Invalid value: \"-b\": a valid label must be"),
    ("x=한글", "unable to parse requirement: values[0][x]: Invalid value: \"한글\": a valid label must be"),
    ("키=a", "unable to parse requirement: <nil>: Invalid value: \"키\": name part must consist of"),
    ("x=a/b", "unable to parse requirement: values[0][x]: Invalid value: \"a/b\""),
    ("x>-1", "unable to parse requirement: values[0][x]: Invalid value: \"-1\": a valid label must be"),
    ("x:y=a", "unable to parse requirement: <nil>: Invalid value: \"x:y\""),
];

/// (selector, labels, matches): `Requirement.Matches` semantics.
const MATCHES: &[(&str, &str, bool)] = &[
    ("", "", true),
    ("", "app=web", true),
    ("app=web", "app=web", true),
    ("app=web", "app=web,tier=fe", true),
    ("app=web", "app=api", false),
    ("app=web", "", false),
    ("app==web", "app=web", true),
    ("app!=web", "app=api", true),
    ("app!=web", "app=web", false),
    ("app!=web", "", true),
    ("app!=web", "tier=fe", true),
    ("app=", "app=", true),
    ("app=", "app=web", false),
    ("app=", "", false),
    ("app", "app=", true),
    ("app", "app=x", true),
    ("app", "tier=x", false),
    ("!app", "tier=x", true),
    ("!app", "app=", false),
    ("!app", "", true),
    ("app in (web,api)", "app=web", true),
    ("app in (web,api)", "app=api", true),
    ("app in (web,api)", "app=db", false),
    ("app in (web,api)", "", false),
    ("app in ()", "app=", true),
    ("app in ()", "app=x", false),
    ("app in (,x)", "app=", true),
    ("app notin (web,api)", "app=db", true),
    ("app notin (web,api)", "app=web", false),
    ("app notin (web,api)", "", true),
    ("app notin ()", "app=", false),
    ("app notin ()", "app=x", true),
    ("x>1", "x=2", true),
    ("x>1", "x=1", false),
    ("x>1", "x=0", false),
    ("x>1", "x=a", false),
    ("x>1", "", false),
    ("x<1", "x=0", true),
    ("x<1", "x=-5", true),
    ("x<1", "x=1", false),
    ("x>0", "x=1", true),
    ("x>1", "x=01", false),
    ("x>1", "x=10", true),
    ("app=web,tier=fe", "app=web,tier=fe", true),
    ("app=web,tier=fe", "app=web,tier=be", false),
    ("app=web,!canary", "app=web", true),
    ("app=web,!canary", "app=web,canary=true", false),
    ("tier in (fe,cache),env!=prod", "tier=fe,env=staging", true),
    ("tier in (fe,cache),env!=prod", "tier=cache,env=prod", false),
    ("tier in (fe,cache),env!=prod", "tier=cache", true),
    ("x=a,x=b", "x=a", false),
    ("x,!y", "x=1", true),
    ("x,!y", "x=1,y=2", false),
    ("App=web", "app=web", false),
    ("app=Web", "app=web", false),
    ("in in (in)", "in=in", true),
    ("example.com/app=web", "example.com/app=web", true),
    ("example.com/app=web", "app=web", false),
];

/// LabelSelector objects (flow YAML) → canonical form, or the API server's validation errors.
const OBJECTS: &[(&str, Result<&str, &str>)] = &[
    ("{}", Ok("")),
    ("{matchLabels: {app: web}}", Ok("app=web")),
    ("{matchLabels: {b: '2', a: '1'}}", Ok("a=1,b=2")),
    ("{matchExpressions: [{key: tier, operator: In, values: [fe, cache]}]}", Ok("tier in (cache,fe)")),
    ("{matchExpressions: [{key: tier, operator: NotIn, values: [fe]}]}", Ok("tier notin (fe)")),
    ("{matchExpressions: [{key: canary, operator: Exists}]}", Ok("canary")),
    ("{matchExpressions: [{key: canary, operator: DoesNotExist}]}", Ok("!canary")),
    ("{matchLabels: {app: web}, matchExpressions: [{key: env, operator: NotIn, values: [prod]}]}", Ok("app=web,env notin (prod)")),
    ("{matchExpressions: [{key: z, operator: Exists}, {key: a, operator: Exists}]}", Ok("a,z")),
    ("{matchExpressions: [{key: tier, operator: In, values: [fe, fe]}]}", Ok("tier in (fe)")),
    ("{matchLabels: {app: ''}}", Ok("app=")),
    ("{matchExpressions: [{key: tier, operator: In}]}", Err("matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")),
    ("{matchExpressions: [{key: tier, operator: NotIn, values: []}]}", Err("matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")),
    ("{matchExpressions: [{key: tier, operator: Exists, values: [a]}]}", Err("matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'")),
    ("{matchExpressions: [{key: tier, operator: DoesNotExist, values: [a]}]}", Err("matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'")),
    ("{matchExpressions: [{key: tier, operator: in, values: [a]}]}", Err("matchExpressions[0].operator: Invalid value: \"in\": not a valid selector operator")),
    ("{matchExpressions: [{key: tier, operator: Gt, values: ['1']}]}", Err("matchExpressions[0].operator: Invalid value: \"Gt\": not a valid selector operator")),
    ("{matchExpressions: [{key: tier, operator: Equals, values: [a]}]}", Err("matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator")),
    ("{matchExpressions: [{key: -bad, operator: Exists}]}", Err("matchExpressions[0].key: Invalid value: \"-bad\": name part must consist of")),
    ("{matchExpressions: [{key: a, operator: In, values: [-bad]}]}", Err("matchExpressions[0].values[0]: Invalid value: \"-bad\": a valid label must be")),
    ("{matchLabels: {-bad: x}}", Err("matchLabels: Invalid value: \"-bad\": name part must consist of")),
    ("{matchLabels: {app: 'a b'}}", Err("matchLabels: Invalid value: \"a b\": a valid label must be")),
    ("{matchLabel: {app: web}}", Err("strict decoding error: unknown field \"matchLabel\"")),
    ("{matchLabels: {app: 1}}", Err("cannot unmarshal number into")),
    ("{matchExpressions: {key: a}}", Err("cannot unmarshal object into")),
    ("{matchLabels: {app: web}", Err("yaml: column")),
];

#[test]
fn valid_selectors_print_canonically() {
    for (input, want) in VALID {
        let sel = parse(input).unwrap_or_else(|e| panic!("{input:?}: {}", e.message));
        assert_eq!(sel.to_string(), *want, "{input:?}");
    }
}

#[test]
fn canonical_form_parses_back_to_the_same_selector() {
    for (input, _) in VALID {
        let sel = parse(input).expect("valid");
        let again =
            parse(&sel.to_string()).unwrap_or_else(|e| panic!("{input:?} → {sel}: {}", e.message));
        assert_eq!(sel, again, "{input:?}");
    }
    for (input, _) in OBJECTS.iter().filter(|(_, r)| r.is_ok()) {
        let sel = parse_any(input).expect("valid object");
        assert_eq!(parse(&sel.to_string()).expect("canonical"), sel, "{input}");
    }
}

#[test]
fn invalid_selectors_explain_themselves() {
    for (input, want) in INVALID {
        let err = parse(input).expect_err(input);
        assert_eq!(err.message, *want, "{input:?}");
        assert!(
            err.offset <= input.len(),
            "{input:?}: offset {} out of bounds",
            err.offset
        );
    }
    for (input, want) in INVALID_PREFIX {
        let err = parse(input).expect_err(input);
        assert!(err.message.starts_with(want), "{input:?}: {}", err.message);
        assert!(err.offset <= input.len());
    }
}

#[test]
fn matching_follows_requirement_semantics() {
    for (sel, ls, want) in MATCHES {
        let s = parse(sel).unwrap_or_else(|e| panic!("{sel:?}: {}", e.message));
        assert_eq!(s.matches(&labels(ls)), *want, "{sel:?} against {{{ls}}}");
    }
}

#[test]
fn label_selector_objects() {
    for (input, want) in OBJECTS {
        match (parse_any(input), want) {
            (Ok(s), Ok(w)) => assert_eq!(s.to_string(), *w, "{input}"),
            (Err(e), Err(w)) => assert!(e.contains(w), "{input}: {e}"),
            (got, _) => panic!("{input}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn nothing_and_everything() {
    assert!(!Selector::Nothing.matches(&labels("")));
    assert!(!Selector::Nothing.matches(&labels("a=b")));
    assert!(Selector::everything().matches(&labels("a=b")));
    assert!(Selector::everything().is_empty());
    assert_eq!(
        Selector::from_set(&labels("b=2,a=1")).to_string(),
        "a=1,b=2"
    );
}

#[test]
fn long_keys_and_values() {
    let key63 = "k".repeat(63);
    assert!(parse(&format!("{key63}=v")).is_ok());
    let e = parse(&format!("{}=v", "k".repeat(64))).unwrap_err();
    assert!(
        e.message
            .contains("name part must be no more than 63 characters"),
        "{}",
        e.message
    );
    assert!(parse(&format!("k={}", "v".repeat(63))).is_ok());
    let e = parse(&format!("k={}", "v".repeat(64))).unwrap_err();
    assert!(
        e.message.contains("must be no more than 63 characters"),
        "{}",
        e.message
    );
}

#[test]
fn error_offsets_point_at_the_offending_token() {
    for (input, offset) in [
        ("x=a b", 4),
        (",x", 0),
        ("x (", 2),
        ("x=a,", 4),
        ("x in (a b)", 8),
    ] {
        assert_eq!(parse(input).unwrap_err().offset, offset, "{input:?}");
    }
}

#[test]
fn case_count() {
    let n = VALID.len() + INVALID.len() + INVALID_PREFIX.len() + MATCHES.len() + OBJECTS.len();
    assert!(n >= 150, "selector table has {n} cases");
}
