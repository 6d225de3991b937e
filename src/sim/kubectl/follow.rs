//! Commands that go on as the clock runs: `get -w` printing a row each time an object changes,
//! `rollout status` waiting for the rollout to finish, `drain` waiting for its evictions. A real
//! kubectl blocks the terminal until they end or Ctrl+C; here the console keeps the command and
//! asks it after every move of the clock what it has to say (`Console::poll`), until it ends or
//! the next line is typed.

use std::collections::BTreeMap;

use super::get::{self, Target};
use super::{Out, Scope};
use crate::sim::Cluster;

/// An object a watch prints: (kind, namespace, name).
type Key = (String, String, String);

/// A command that has not ended.
pub(crate) enum Follow {
    Watch(Watch),
    Rollout(super::rollout::Status),
    Drain(super::drain::Drain),
}

impl Follow {
    /// What the command prints since it was last asked; false once it has ended.
    pub fn poll(&mut self, c: &mut Cluster, out: &mut Out) -> bool {
        match self {
            Follow::Watch(w) => {
                w.poll(c, out);
                true
            }
            Follow::Rollout(r) => r.poll(c, out),
            Follow::Drain(d) => d.poll(c, out),
        }
    }
}

/// `kubectl get -w`: the objects the arguments name (or every one of the types, as they come and
/// go), and the row last printed of each, without its AGE (which changes by itself).
pub(crate) struct Watch {
    asked: get::Asked,
    selector: Option<crate::selector::Selector>,
    scope: Scope,
    wide: bool,
    several: bool,
    show_labels: bool,
    seen: BTreeMap<Key, (Vec<String>, Vec<String>)>,
    /// Each column's width so far: the tab writer kubectl prints a watch with remembers them
    /// (cli-runtime's GetNewTabWriter, `tabwriter.RememberWidths`).
    widths: Vec<usize>,
}

/// The most objects a watch keeps rows of.
const MAX_WATCHED: usize = 5000;

impl Watch {
    pub fn new(
        c: &Cluster,
        asked: get::Asked,
        selector: Option<crate::selector::Selector>,
        scope: Scope,
        wide: bool,
        show_labels: bool,
    ) -> Watch {
        let several = asked.groups.len() > 1;
        let mut w = Watch {
            asked,
            selector,
            scope,
            wide,
            several,
            show_labels,
            seen: BTreeMap::new(),
            widths: Vec::new(),
        };
        // What the first table printed is what later rows are compared with.
        w.poll(c, &mut Out::default());
        w
    }

    fn poll(&mut self, c: &Cluster, out: &mut Out) {
        let (found, _) = get::resolve(c, &self.asked, &self.scope, self.selector.as_ref());
        let tables = get::tables(
            c,
            &found,
            self.wide,
            &self.scope,
            self.several,
            self.show_labels,
        );
        let mut now = BTreeMap::new();
        for t in tables {
            if self.widths.is_empty() {
                self.widths = t.headers.iter().map(|h| h.chars().count()).collect();
            }
            let age = t.headers.iter().position(|h| h == "AGE");
            for (target, cells) in t.rows {
                let mut steady = cells.clone();
                if let Some(a) = age.filter(|&a| a < steady.len()) {
                    steady.remove(a);
                }
                now.insert(key(&target), (steady, cells));
            }
        }
        let mut lines = Vec::new();
        for (k, (steady, cells)) in &now {
            if self.seen.get(k).is_none_or(|(was, _)| was != steady) {
                lines.push(cells.clone());
            }
        }
        // A deleted object's last row is printed once more, as the watch's DELETED event shows it.
        for (k, (_, cells)) in &self.seen {
            if !now.contains_key(k) {
                lines.push(cells.clone());
            }
        }
        for cells in lines {
            out.line(self.line(&cells));
        }
        if now.len() <= MAX_WATCHED {
            self.seen = now;
        }
    }

    /// One row padded to the widths so far (three spaces between columns), which it widens.
    fn line(&mut self, cells: &[String]) -> String {
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let n = cell.chars().count();
            if i >= self.widths.len() {
                self.widths.push(n);
            }
            self.widths[i] = self.widths[i].max(n);
            s.push_str(cell);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(self.widths[i] - n + 3));
            }
        }
        s
    }
}

fn key(t: &Target) -> Key {
    (t.resource.kind.to_string(), t.ns.clone(), t.name.clone())
}

#[cfg(test)]
mod tests {
    use crate::sim::kubectl::drain::tests::play;
    use crate::sim::kubectl::Console;
    use crate::sim::time::{MINUTE, SECOND};
    use crate::sim::Cluster;

    fn cluster() -> Cluster {
        let mut c = Cluster::new();
        let text = crate::examples::EXAMPLES[0].text(crate::i18n::Lang::En);
        c.apply(&crate::manifest::load(text));
        c.run_until(MINUTE);
        c
    }

    // kubectl get.go `watch`: the table first, then one row per change, padded to the widths so
    // far (cli-runtime's tab writer remembers them), a deleted object's last row once more.
    #[test]
    fn get_w_prints_a_row_each_time_an_object_changes() {
        let mut c = cluster();
        let mut console = Console::new();
        let o = console.run(&mut c, "kubectl get deploy -w");
        assert!(o.follows);
        assert_eq!(
            o.stdout,
            "NAME      READY   UP-TO-DATE   AVAILABLE   AGE\ngreeter   3/3     3            3           60s\n"
        );
        // The clock alone changes AGE: nothing is printed.
        assert_eq!(play(&mut c, &mut console, 10 * SECOND), "");
        // A scale made elsewhere (the editor, another terminal) shows as rows.
        let mut other = Console::new();
        other.run(&mut c, "kubectl scale deploy greeter --replicas=5");
        let said = play(&mut c, &mut console, 30 * SECOND);
        let rows: Vec<&str> = said.lines().collect();
        assert!(!rows.is_empty(), "{said}");
        assert!(rows.iter().all(|r| r.starts_with("greeter   ")), "{said}");
        assert!(
            rows.last()
                .is_some_and(|r| r.starts_with("greeter   5/5     5            5           ")),
            "{said}"
        );
        // Deleted: its last row again; a new line ends the watch.
        other.run(&mut c, "kubectl delete deploy greeter");
        let said = play(&mut c, &mut console, SECOND);
        assert!(said.starts_with("greeter   5/5"), "{said}");
        assert_eq!(console.run(&mut c, "kubectl get ns default").code, 0);
        assert!(!console.following());
    }

    #[test]
    fn get_pods_w_follows_pods_as_they_come() {
        let mut c = cluster();
        let mut console = Console::new();
        let o = console.run(&mut c, "kubectl get pods -l app=greeter -w");
        assert!(o.follows);
        assert_eq!(o.stdout.lines().count(), 4);
        let mut other = Console::new();
        // A new image is pulled first: each Pod of the rollout is seen being created, then
        // running, and each old one going.
        other.run(
            &mut c,
            "kubectl set image deploy/greeter *=hashicorp/http-echo:1.1",
        );
        let said = play(&mut c, &mut console, MINUTE);
        assert!(said.contains("0/1     ContainerCreating"), "{said}");
        assert!(said.contains("1/1     Running"), "{said}");
        let names: std::collections::BTreeSet<&str> =
            said.lines().filter_map(|l| l.split(' ').next()).collect();
        assert_eq!(names.len(), 6, "three new Pods and three old: {said}");
        // Without -w nothing goes on.
        assert!(!console.run(&mut c, "kubectl get pods").follows);
        assert!(console.poll(&mut c).is_none());
    }
}
