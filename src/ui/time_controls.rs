//! Apply and the virtual clock: play/pause, speed, step to the next event, +1 min, reset.

use yew::prelude::*;

use super::cluster_view::clock;
use crate::cluster::Millis;
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct TimeControlsProps {
    pub now: Millis,
    pub playing: bool,
    pub speed: u32,
    pub auto_apply: bool,
    pub on_apply: Callback<MouseEvent>,
    pub on_auto_apply: Callback<bool>,
    pub on_play: Callback<bool>,
    pub on_speed: Callback<u32>,
    pub on_step: Callback<MouseEvent>,
    pub on_minute: Callback<MouseEvent>,
    pub on_reset: Callback<MouseEvent>,
}

#[function_component(TimeControls)]
pub fn time_controls(p: &TimeControlsProps) -> Html {
    let play = {
        let cb = p.on_play.clone();
        let playing = p.playing;
        Callback::from(move |_: MouseEvent| cb.emit(!playing))
    };
    let speed = {
        let cb = p.on_speed.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            cb.emit(s.value().parse().unwrap_or(1));
        })
    };
    let auto = {
        let cb = p.on_auto_apply.clone();
        Callback::from(move |e: Event| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            cb.emit(i.checked());
        })
    };
    let t = use_context::<Lang>().unwrap_or_default().texts();
    html! {
        <div class="time-controls" role="group" aria-label={t.cluster_controls()}>
            <button class="apply primary" onclick={p.on_apply.clone()} title={t.apply_title()}>{t.apply()}</button>
            <label class="auto-apply" title={t.auto_apply_title()}>
                <input type="checkbox" checked={p.auto_apply} onchange={auto} />{t.auto_apply()}
            </label>
            <button class="play" onclick={play} aria-pressed={p.playing.to_string()} aria-label={if p.playing { t.pause_clock() } else { t.play_clock() }}>
                { if p.playing { t.pause() } else { t.play() } }
            </button>
            <select class="speed" aria-label={t.clock_speed()} onchange={speed}>
                { for [1u32, 10, 60].iter().map(|s| html! { <option value={s.to_string()} selected={*s == p.speed}>{format!("{s}×")}</option> }) }
            </select>
            <button class="step" onclick={p.on_step.clone()} title={t.step_title()}>{t.step()}</button>
            <button class="minute" onclick={p.on_minute.clone()} title={t.one_minute_title()}>{t.one_minute()}</button>
            <button class="reset" onclick={p.on_reset.clone()} title={t.reset_title()}>{t.reset()}</button>
            <span class="clock" aria-label={t.cluster_time()} title={t.cluster_time_title()}>{format!("t = {}", clock(p.now))}</span>
        </div>
    }
}
