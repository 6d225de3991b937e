//! The Timeline tab: virtual time across, "now" as a line; a lane per CronJob with its scheduled
//! times (those ahead of now too) and the runs it skipped or missed, each Job a bar from start
//! to finish coloured by outcome with its Pods as thinner bars under it; a bare Job gets a lane
//! too. Beside each CronJob, its schedule in words and its next runs. Hovering says what a bar
//! is; clicking opens its describe. `+`/`-` zoom, the arrow keys and the wheel scroll, `End`
//! (or the "now" button) follows the clock again.

use std::rc::Rc;

use yew::prelude::*;

use super::describe;

use super::cluster_view::{ClusterView, Selected};
use crate::cluster::{go_duration, JobView, LaneView, Millis, MINUTE, SECOND};
use crate::i18n::Lang;

#[derive(Properties)]
pub struct TimelineProps {
    pub view: Rc<ClusterView>,
    pub selected: Selected,
    pub on_select: Callback<Selected>,
}

impl PartialEq for TimelineProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view) && self.selected == other.selected
    }
}

/// The widths the axis can show, narrowest first.
const SPANS: &[Millis] = &[
    2 * MINUTE,
    5 * MINUTE,
    10 * MINUTE,
    20 * MINUTE,
    60 * MINUTE,
    3 * 60 * MINUTE,
    6 * 60 * MINUTE,
];
/// The drawing's width in its own units (it scales to the panel).
const WIDTH: f64 = 1000.0;
const JOB_ROW: f64 = 14.0;
const POD_ROW: f64 = 7.0;
const TICK_ROW: f64 = 16.0;

/// `00:05` (`1d 00:05` past the first day) of a virtual instant, the clock starting at 00:00.
fn clock(t: Millis) -> String {
    let m = t.div_euclid(MINUTE);
    let (d, h, m) = (m / (24 * 60), (m / 60) % 24, m % 60);
    if d > 0 {
        format!("{d}d {h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}")
    }
}

/// Rows for a lane's Jobs: each Job in the first row where it does not overlap the one before.
fn pack(jobs: &[JobView], now: Millis) -> Vec<usize> {
    let mut ends: Vec<Millis> = Vec::new();
    jobs.iter()
        .map(|j| {
            let end = j.end.unwrap_or(now).max(j.start + SECOND);
            match ends.iter().position(|e| *e <= j.start) {
                Some(i) => {
                    ends[i] = end;
                    i
                }
                None => {
                    ends.push(end);
                    ends.len() - 1
                }
            }
        })
        .collect()
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let t = lang.texts();
    let span_index = use_state(|| 2usize);
    // None: the right edge follows now; Some(end): the axis was scrolled there.
    let pinned_end = use_state(|| None::<Millis>);
    let Some(view) = props.view.timeline.as_ref() else {
        return html! {};
    };
    let now = view.now;
    let span = SPANS[(*span_index).min(SPANS.len() - 1)];
    let end = pinned_end.unwrap_or(now + span / 5);
    let from = end - span;
    let x = move |at: Millis| ((at - from) as f64 / span as f64 * WIDTH).clamp(-10.0, WIDTH + 10.0);

    let zoom = |delta: isize| {
        let s = span_index.clone();
        Callback::from(move |_: MouseEvent| {
            let next = (*s as isize + delta).clamp(0, SPANS.len() as isize - 1) as usize;
            s.set(next);
        })
    };
    let follow = {
        let p = pinned_end.clone();
        Callback::from(move |_: MouseEvent| p.set(None))
    };
    let onkeydown = {
        let (s, p) = (span_index.clone(), pinned_end.clone());
        Callback::from(move |e: KeyboardEvent| {
            let step = span / 4;
            match e.key().as_str() {
                "+" | "=" => s.set(s.saturating_sub(1)),
                "-" | "_" => s.set((*s + 1).min(SPANS.len() - 1)),
                "ArrowLeft" => p.set(Some(end - step)),
                "ArrowRight" => p.set(Some(end + step)),
                "End" => p.set(None),
                "Home" => p.set(Some(span)),
                _ => return,
            }
            e.prevent_default();
        })
    };
    let onwheel = {
        let (s, p) = (span_index.clone(), pinned_end.clone());
        Callback::from(move |e: WheelEvent| {
            if e.ctrl_key() || e.meta_key() {
                let next = if e.delta_y() < 0.0 {
                    s.saturating_sub(1)
                } else {
                    (*s + 1).min(SPANS.len() - 1)
                };
                s.set(next);
            } else {
                let d = if e.delta_x().abs() > e.delta_y().abs() {
                    e.delta_x()
                } else {
                    e.delta_y()
                };
                p.set(Some(end + (d / 400.0 * span as f64) as Millis));
            }
            e.prevent_default();
        })
    };
    let select = |kind: &'static str, ns: String, name: String| {
        let cb = props.on_select.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Some((kind.to_string(), ns.clone(), name.clone())))
        })
    };
    let close = {
        let cb = props.on_select.clone();
        Callback::from(move |_: MouseEvent| cb.emit(None))
    };

    // The axis: a label every 1, 5, 10, 30 or 60 minutes, as the span allows.
    let every = [MINUTE, 5 * MINUTE, 10 * MINUTE, 30 * MINUTE, 60 * MINUTE]
        .into_iter()
        .find(|e| span / e <= 12)
        .unwrap_or(60 * MINUTE);
    let first = from.div_euclid(every) * every + every;
    let axis: Html = (0..)
        .map(|i| first + i * every)
        .take_while(|at| *at <= end)
        .map(|at| {
            let px = x(at);
            html! {
                <g class="grid">
                    <line x1={px.to_string()} x2={px.to_string()} y1="0" y2="100%" />
                    <text x={(px + 2.0).to_string()} y="11">{clock(at)}</text>
                </g>
            }
        })
        .collect();

    let lane = |l: &LaneView| -> Html {
        let rows = pack(&l.jobs, now);
        let row_height = |job: &JobView| JOB_ROW + POD_ROW * job.pods.len() as f64;
        let mut row_tops = Vec::new();
        let mut top = TICK_ROW;
        let n_rows = rows.iter().copied().max().map_or(0, |m| m + 1);
        for r in 0..n_rows {
            row_tops.push(top);
            let h = l
                .jobs
                .iter()
                .zip(&rows)
                .filter(|(_, row)| **row == r)
                .map(|(j, _)| row_height(j))
                .fold(JOB_ROW, f64::max);
            top += h + 4.0;
        }
        let height = top.max(TICK_ROW + JOB_ROW);
        let ticks: Html = l
            .ticks
            .iter()
            .filter(|at| **at >= from && **at <= end)
            .map(|at| {
                let ahead = *at > now;
                html! {
                    <line class={classes!("tick", ahead.then_some("ahead"))} data-at={at.to_string()}
                        x1={x(*at).to_string()} x2={x(*at).to_string()} y1="2" y2={(TICK_ROW - 3.0).to_string()}>
                        <title>{format!("{} {}", t.timeline_scheduled(), clock(*at))}</title>
                    </line>
                }
            })
            .collect();
        let marks: Html = l
            .marks
            .iter()
            .filter(|m| m.at >= from && m.at <= end)
            .map(|m| {
                let (class, said) = if m.reason == "JobAlreadyActive" {
                    ("skipped", t.timeline_skipped())
                } else {
                    ("missed", t.timeline_missed())
                };
                html! {
                    <g class={classes!("mark", class)} data-at={m.at.to_string()}>
                        <circle cx={x(m.at).to_string()} cy={(TICK_ROW / 2.0).to_string()} r="4" />
                        <title>{format!("{said} {} ({})", clock(m.at), m.reason)}</title>
                    </g>
                }
            })
            .collect();
        let bars: Html = l
            .jobs
            .iter()
            .zip(&rows)
            .filter(|(j, _)| j.end.unwrap_or(now) >= from && j.start <= end)
            .map(|(j, row)| {
                let y = row_tops.get(*row).copied().unwrap_or(TICK_ROW);
                let x0 = x(j.start);
                let x1 = x(j.end.unwrap_or(now)).max(x0 + 2.0);
                let took = go_duration(j.end.unwrap_or(now) - j.start);
                let tip = format!("job/{} · {} · {}–{} ({took})", j.name, j.outcome, clock(j.start), j.end.map(clock).unwrap_or_else(|| t.timeline_now()));
                let onclick = j.exists.then(|| select("Job", l.namespace.clone(), j.name.clone()));
                let pods: Html = j
                    .pods
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let py = y + JOB_ROW + POD_ROW * i as f64;
                        let p0 = x(p.start);
                        let p1 = x(p.end.unwrap_or(now)).max(p0 + 2.0);
                        let restarts = if p.restarts > 0 { format!(" · {} {}", p.restarts, t.timeline_restarts()) } else { String::new() };
                        let tip = format!("pod/{} · {}{restarts} · {}–{}", p.name, p.status, clock(p.start), p.end.map(clock).unwrap_or_else(|| t.timeline_now()));
                        let onclick = p.exists.then(|| select("Pod", l.namespace.clone(), p.name.clone()));
                        html! {
                            <rect class={classes!("pod-bar", status_class(&p.status))} data-pod={p.name.clone()}
                                x={p0.to_string()} y={(py + 1.0).to_string()} width={(p1 - p0).to_string()} height={(POD_ROW - 2.0).to_string()} {onclick}>
                                <title>{tip}</title>
                            </rect>
                        }
                    })
                    .collect();
                html! {
                    <g class="run">
                        <rect class={classes!("job-bar", j.outcome.to_ascii_lowercase())} data-job={j.name.clone()}
                            x={x0.to_string()} y={y.to_string()} width={(x1 - x0).to_string()} height={(JOB_ROW - 3.0).to_string()} rx="2" {onclick}>
                            <title>{tip}</title>
                        </rect>
                        { pods }
                    </g>
                }
            })
            .collect();
        let words = l
            .schedule
            .as_deref()
            .and_then(|s| crate::cron::parse(s).ok())
            .map(|s| crate::cron::describe(&s, lang));
        html! {
            <section class="lane" data-lane={format!("{}/{}", l.namespace, l.name)} aria-label={format!("{} {}", l.kind, l.name)}>
                <div class="lane-head">
                    <button class="lane-name" onclick={select(if l.kind == "CronJob" { "CronJob" } else { "Job" }, l.namespace.clone(), l.name.clone())}>
                        <span class="kind" lang="en">{l.kind.clone()}</span>{" "}{l.name.clone()}
                    </button>
                    if let Some(s) = &l.schedule {
                        <span class="schedule" lang="en"><code>{s.clone()}</code>{ l.time_zone.as_ref().map(|z| format!(" · {z}")).unwrap_or_default() }{ l.concurrency.as_ref().map(|c| format!(" · {c}")).unwrap_or_default() }</span>
                    }
                    if l.suspended { <span class="badge">{t.timeline_suspended()}</span> }
                </div>
                <div class="lane-body">
                    <svg class="lane-svg" viewBox={format!("0 0 {WIDTH} {height}")} preserveAspectRatio="none" height={height.to_string()} role="img"
                        aria-label={format!("{} {}", l.kind, l.name)}>
                        { axis.clone() }
                        { ticks }
                        { marks }
                        { bars }
                        <line class="now" x1={x(now).to_string()} x2={x(now).to_string()} y1="0" y2={height.to_string()} />
                    </svg>
                    if l.kind == "CronJob" {
                        <aside class="explainer">
                            if let Some(w) = words { <p class="words">{w}</p> }
                            if !l.next_runs.is_empty() {
                                <p class="next-head">{t.timeline_next_runs()}</p>
                                <ol class="next-runs" lang="en">
                                    { for l.next_runs.iter().map(|r| html! { <li>{r.clone()}</li> }) }
                                </ol>
                            }
                        </aside>
                    }
                </div>
            </section>
        }
    };

    html! {
        <div class="timeline" tabindex="0" aria-label={t.tab_timeline()} {onkeydown} {onwheel}>
            <div class="timeline-controls">
                <button aria-label={t.timeline_zoom_in()} onclick={zoom(-1)}>{"+"}</button>
                <button aria-label={t.timeline_zoom_out()} onclick={zoom(1)}>{"−"}</button>
                <button class="follow" aria-pressed={pinned_end.is_none().to_string()} onclick={follow}>{t.timeline_now()}</button>
                <span class="range" lang="en">{format!("{} – {}", clock(from.max(0)), clock(end))}</span>
                <span class="legend">
                    <span class="key complete">{t.timeline_key_complete()}</span>
                    <span class="key failed">{t.timeline_key_failed()}</span>
                    <span class="key running">{t.timeline_key_running()}</span>
                    <span class="key skipped">{t.timeline_skipped()}</span>
                </span>
            </div>
            { describe::of(&props.view, &props.selected, close) }
            if view.lanes.is_empty() {
                <p class="empty">{t.timeline_empty()}</p>
            }
            { for view.lanes.iter().map(lane) }
        </div>
    }
}

/// The colour class of a Pod's STATUS, as the tables colour it.
fn status_class(status: &str) -> &'static str {
    match status {
        "Completed" => "completed",
        "Running" => "running",
        "Error" | "CrashLoopBackOff" | "OOMKilled" | "ErrImagePull" | "ImagePullBackOff" => {
            "failed"
        }
        _ => "pending",
    }
}
