//! `kubectl get` tables (pkg/printers/internalversion/printers.go).

use super::{age, SYSTEM_NAMESPACES};
use crate::sim::registry::{Listed, KINDS};
use crate::sim::store::Stored;
use crate::sim::time::human_duration;
use crate::sim::Cluster;

/// How a row should look: the colours people know from cluster dashboards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Tone {
    /// Running, Ready, Bound.
    Ok,
    /// Pending, ContainerCreating, Terminating.
    Progress,
    /// CrashLoopBackOff, Error, errors of every kind.
    Bad,
    /// Completed.
    Done,
    Plain,
}

impl Tone {
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Ok => "ok",
            Tone::Progress => "progress",
            Tone::Bad => "bad",
            Tone::Done => "done",
            Tone::Plain => "plain",
        }
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub kind: String,
    pub namespace: String,
    pub name: String,
    pub cells: Vec<String>,
    pub tone: Tone,
}

/// One `kubectl get <resource>` table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// `pods`, `deployments.apps`, ...
    pub resource: &'static str,
    /// `pod`, `deployment.apps`: the prefix `kubectl get all` puts before names.
    pub prefix: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Row>,
}

impl Table {
    /// The table as text; `with_prefix` prints `pod/web-0` as `kubectl get all` does.
    pub fn render(&self, with_prefix: bool) -> String {
        let namespaces: std::collections::BTreeSet<&str> =
            self.rows.iter().map(|r| r.namespace.as_str()).collect();
        let with_ns = namespaces.len() > 1;
        let mut rows = Vec::new();
        let mut head: Vec<String> = Vec::new();
        if with_ns {
            head.push("NAMESPACE".into());
        }
        head.extend(self.headers.iter().map(|h| h.to_string()));
        rows.push(head);
        for r in &self.rows {
            let mut line = Vec::new();
            if with_ns {
                line.push(r.namespace.clone());
            }
            for (i, c) in r.cells.iter().enumerate() {
                if i == 0 && with_prefix {
                    line.push(format!("{}/{c}", self.prefix));
                } else {
                    line.push(c.clone());
                }
            }
            rows.push(line);
        }
        super::columns(&rows)
    }
}

/// `-o wide`'s CONTAINERS and IMAGES of a Pod template (printers.go's layoutContainerCells).
pub(crate) fn containers_images(spec: Option<&k8s_openapi::api::core::v1::PodSpec>) -> [String; 2] {
    let cs = spec.map(|s| s.containers.as_slice()).unwrap_or_default();
    [
        cs.iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(","),
        cs.iter()
            .map(|c| c.image.as_deref().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(","),
    ]
}

/// A row of one object.
pub(crate) fn row<T: Stored>(obj: &T, cells: Vec<String>, tone: Tone) -> Row {
    let m = obj.metadata();
    Row {
        kind: T::KIND.to_string(),
        namespace: m.namespace.clone().unwrap_or_default(),
        name: m.name.clone().unwrap_or_default(),
        cells,
        tone,
    }
}

/// Every non-empty table, in the order `kubectl get all` prints (then the rest). With `all`, objects
/// in the system namespaces are included.
pub fn tables(c: &Cluster, all: bool) -> Vec<Table> {
    let mut out: Vec<Table> = KINDS
        .iter()
        .filter(|k| k.listed == Listed::Always || (all && k.listed == Listed::WithAll))
        .filter_map(|k| k.table.map(|table| table(c, all)))
        .collect();
    out.extend(others(c, all, None).into_values());
    out.retain(|t| !t.rows.is_empty());
    out
}

/// The tables of kinds without a controller here (NAME and AGE; a PodDisruptionBudget's budget
/// columns too), by kind; `only` one kind's.
pub fn others(
    c: &Cluster,
    all: bool,
    only: Option<&str>,
) -> std::collections::BTreeMap<String, Table> {
    let now = c.now();
    let mut others: std::collections::BTreeMap<String, Table> = std::collections::BTreeMap::new();
    for ((kind, ns, name), o) in &c.store.others {
        if (!all && SYSTEM_NAMESPACES.contains(&ns.as_str())) || only.is_some_and(|k| k != kind) {
            continue;
        }
        let created = o
            .value
            .pointer("/metadata/creationTimestamp")
            .and_then(crate::sim::time::time_of_json);
        let api_version = o.api_version.clone();
        let budget = kind == "PodDisruptionBudget";
        let t = others.entry(kind.clone()).or_insert_with(|| Table {
            resource: "others",
            prefix: crate::sim::resource_name(&api_version, kind, "")
                .trim_end_matches('/')
                .to_string(),
            headers: if budget {
                vec![
                    "NAME",
                    "MIN AVAILABLE",
                    "MAX UNAVAILABLE",
                    "ALLOWED DISRUPTIONS",
                    "AGE",
                ]
            } else {
                vec!["NAME", "AGE"]
            },
            rows: Vec::new(),
        });
        let mut cells = vec![name.clone()];
        if budget {
            // printers.go printPodDisruptionBudget.
            let intstr = |p: &str| match o.value.pointer(p) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => "N/A".to_string(),
            };
            cells.push(intstr("/spec/minAvailable"));
            cells.push(intstr("/spec/maxUnavailable"));
            cells.push(
                o.value
                    .pointer("/status/disruptionsAllowed")
                    .and_then(serde_json::Value::as_i64)
                    .unwrap_or(0)
                    .to_string(),
            );
        }
        cells.push(age(created.as_ref(), now));
        t.rows.push(Row {
            kind: kind.clone(),
            namespace: ns.clone(),
            name: name.clone(),
            cells,
            tone: Tone::Plain,
        });
    }
    others
}

/// `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, oldest first.
pub fn events_table(c: &Cluster, all: bool) -> Table {
    let now = c.now();
    let mut list: Vec<&crate::sim::Event> = c
        .events()
        .iter()
        .filter(|e| all || !SYSTEM_NAMESPACES.contains(&e.involved.namespace.as_str()))
        .collect();
    crate::sort::by_key(&mut list, |e| e.last);
    let rows = list
        .into_iter()
        .map(|e| Row {
            kind: e.involved.kind.to_string(),
            namespace: e.involved.namespace.clone(),
            name: e.involved.name.clone(),
            cells: vec![
                human_duration(now - e.last),
                e.type_.as_str().into(),
                e.reason.clone(),
                format!(
                    "{}/{}",
                    e.involved.kind.to_ascii_lowercase(),
                    e.involved.name
                ),
                e.message.clone(),
            ],
            tone: if e.type_ == crate::sim::EventType::Warning {
                Tone::Bad
            } else {
                Tone::Plain
            },
        })
        .collect();
    Table {
        resource: "events",
        prefix: "event".into(),
        headers: vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
        rows,
    }
}
