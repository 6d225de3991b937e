//! Resource quantities (`500m`, `1.5Gi`, `2e3`) as numbers, for comparing requests with what a node
//! can hold. CPU is counted in millicores and everything else in bytes or units, as the scheduler does.

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

/// The value of a quantity in its base unit; None when it does not parse.
pub fn parse(q: &str) -> Option<f64> {
    let q = q.trim();
    let split = q
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
        .unwrap_or(q.len());
    let (num, suffix) = q.split_at(split);
    let n: f64 = num.parse().ok()?;
    let factor = match suffix {
        "" => 1.0,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        s if s.starts_with(['e', 'E']) => 10f64.powi(s[1..].parse().ok()?),
        _ => return None,
    };
    Some(n * factor)
}

/// The exact value of a quantity in billionths of its base unit (`1Gi` is 1073741824 × 10⁹), for
/// comparisons that must hold at any size (`950E` against `1Ei`), as `resource.Quantity.Cmp` does.
/// Saturates beyond what an i128 holds; None when it does not parse.
pub fn exact(q: &str) -> Option<i128> {
    let q = q.trim();
    let (negative, q) = match q.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, q.strip_prefix('+').unwrap_or(q)),
    };
    let split = q
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(q.len());
    let (num, suffix) = q.split_at(split);
    let (whole, frac) = num.split_once('.').unwrap_or((num, ""));
    if whole.is_empty() && frac.is_empty() || frac.contains('.') {
        return None;
    }
    // Digits as an integer and a power of ten to apply: 1.5 is 15 × 10⁻¹.
    let mut digits: i128 = 0;
    for d in whole.bytes().chain(frac.bytes()) {
        digits = digits
            .saturating_mul(10)
            .saturating_add(i128::from(d - b'0'));
    }
    let (mut ten, two): (i32, u32) = match suffix {
        "" => (0, 0),
        "n" => (-9, 0),
        "u" => (-6, 0),
        "m" => (-3, 0),
        "k" => (3, 0),
        "M" => (6, 0),
        "G" => (9, 0),
        "T" => (12, 0),
        "P" => (15, 0),
        "E" => (18, 0),
        "Ki" => (0, 10),
        "Mi" => (0, 20),
        "Gi" => (0, 30),
        "Ti" => (0, 40),
        "Pi" => (0, 50),
        "Ei" => (0, 60),
        // An exponent past what any quantity holds saturates below (the value is clamped).
        s if s.starts_with(['e', 'E']) => (s[1..].parse::<i64>().ok()?.clamp(-100, 100) as i32, 0),
        _ => return None,
    };
    ten += 9 - frac.len().min(100) as i32;
    let mut v = digits.saturating_mul(1i128 << two);
    if ten >= 0 {
        for _ in 0..ten.min(40) {
            v = v.saturating_mul(10);
        }
    } else {
        for _ in 0..(-ten).min(40) {
            v /= 10;
        }
    }
    Some(if negative { -v } else { v })
}

/// Millicores for `cpu`, the plain value for everything else; 0 when it does not parse.
pub fn amount(resource: &str, q: &Quantity) -> i64 {
    let v = parse(&q.0).unwrap_or(0.0);
    if resource == "cpu" {
        (v * 1000.0).ceil() as i64
    } else {
        v.ceil() as i64
    }
}

/// How kubectl describe prints an amount: `250m`, `2`, `128Mi`.
pub fn format(resource: &str, v: i64) -> String {
    if resource == "cpu" {
        if v % 1000 == 0 {
            format!("{}", v / 1000)
        } else {
            format!("{v}m")
        }
    } else if resource == "memory" || resource == "ephemeral-storage" {
        for (s, f) in [("Gi", 1i64 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)] {
            if v != 0 && v % f == 0 {
                return format!("{}{s}", v / f);
            }
        }
        v.to_string()
    } else {
        v.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities() {
        for (q, v) in [
            ("500m", 0.5),
            ("2", 2.0),
            ("1Gi", 1073741824.0),
            ("128Mi", 134217728.0),
            ("1k", 1000.0),
            ("1e3", 1000.0),
            ("1.5", 1.5),
        ] {
            assert_eq!(parse(q), Some(v), "{q}");
        }
        assert_eq!(parse("1x"), None);
        // resource.Quantity.Cmp: exact at any size.
        let e = |q: &str| exact(q).unwrap();
        assert_eq!(e("1Gi"), 1_073_741_824 * 1_000_000_000);
        assert!(e("1Gi") < e("1100Mi"));
        assert!(e("1G") < e("1Gi"));
        assert!(e("950E") < e("1Ei") * 1000);
        assert!(e("950E") > e("949E"));
        assert_eq!(e("1.5Gi"), e("1536Mi"));
        assert_eq!(e("500m"), 500_000_000);
        assert_eq!(e("1e3"), e("1k"));
        assert_eq!(e("1E3"), e("1k"));
        assert_eq!(e("-1"), -1_000_000_000);
        assert_eq!(exact("1x"), None);
        assert_eq!(exact(""), None);
        assert_eq!(exact("."), None);
        // Exponents beyond any size saturate instead of overflowing.
        assert_eq!(exact("1e2147483647"), Some(i128::MAX));
        assert_eq!(exact("1.0e-2147483648"), Some(0));
        assert_eq!(exact("1e99999999999999999999"), None);
        assert_eq!(amount("cpu", &Quantity("250m".into())), 250);
        assert_eq!(format("cpu", 1500), "1500m");
        assert_eq!(format("memory", 64 << 20), "64Mi");
    }
}
