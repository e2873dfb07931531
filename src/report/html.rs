//! The report's page (`report` feature): one self-contained HTML file — inline CSS, inline SVG
//! charts drawn by plotters' SVG backend, no script, no network — from a [`Summary`].
//!
//! Every text that comes from the input (posts, titles, sources, authors, ids, phrases) goes
//! through minijinja's HTML auto-escaping (the template is named `report.html`, so escaping is
//! on for every `{{ }}`); the only values marked safe are the SVG charts, which plotters writes
//! with its own escaping of the text it draws (category, flag and aspect labels, dates).

use plotters::prelude::*;
use serde::Serialize;

use super::summary::{Item, Summary, TimeBucket};
use crate::error::{Error, ErrorKind};

const TEMPLATE: &str = include_str!("report.html");
/// Urgent posts shown on the page (report.json has all that were kept).
const URGENT_SHOWN: usize = 10;

/// Colours: positive, neutral, negative (colour-blind friendly: blue, grey, orange).
const POSITIVE: RGBColor = RGBColor(0x1f, 0x77, 0xb4);
const NEUTRAL: RGBColor = RGBColor(0xb8, 0xb8, 0xb8);
const NEGATIVE: RGBColor = RGBColor(0xe6, 0x6c, 0x1a);
const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
const BAR: RGBColor = RGBColor(0x4c, 0x6e, 0x91);

/// The page of a finished report: one self-contained HTML file (inline SVG charts and CSS, no
/// script, no network), readable on a laptop screen and printable.
///
/// ```
/// use earshot::report::{Post, Report, render_html};
/// let mut report = Report::new();
/// let text = "<script>alert(1)</script> the app crashed";
/// report.add(&Post::new(text), &earshot::analyze(text));
/// let html = render_html(&report.finish())?;
/// assert!(html.contains("&lt;script&gt;alert(1)"));
/// assert!(!html.contains("<script>"));
/// assert!(html.contains("<svg"));
/// # Ok::<(), earshot::Error>(())
/// ```
pub fn render_html(summary: &Summary) -> Result<String, Error> {
    let unit = summary.over_time.unit.as_str();
    let charts = Charts {
        over_time: chart(|svg| over_time(svg, &summary.over_time.buckets, unit))?,
        net_over_time: chart(|svg| net_over_time(svg, &summary.over_time.buckets, unit))?,
        histogram: chart(|svg| histogram(svg, &summary.sentiment.histogram))?,
        categories: sized_chart(bars_size(summary.categories.len()), |svg| {
            bars(
                svg,
                summary
                    .categories
                    .iter()
                    .map(|c| (c.label.as_str(), c.posts, None)),
            )
        })?,
        aspects: sized_chart(bars_size(summary.aspects.len()), |svg| {
            bars(
                svg,
                summary
                    .aspects
                    .iter()
                    .map(|a| (a.label.as_str(), a.posts, Some(a.sentiment.mean_compound))),
            )
        })?,
    };
    let page = Page {
        s: summary,
        urgent: summary
            .urgent
            .items
            .iter()
            .take(URGENT_SHOWN)
            .map(ItemView::of)
            .collect(),
        examples: summary
            .categories
            .iter()
            .chain(&summary.flags)
            .map(|c| {
                (
                    c.label.clone(),
                    c.examples.iter().map(ItemView::of).collect(),
                )
            })
            .collect(),
        version: env!("CARGO_PKG_VERSION"),
        bucket_label: summary
            .over_time
            .buckets
            .iter()
            .map(|b| short_time(&b.start, &summary.over_time.unit))
            .collect(),
    };
    let mut ctx = std::collections::BTreeMap::new();
    ctx.insert(
        "page",
        minijinja::Value::from(minijinja::value::Serde(&page)),
    );
    for (name, svg) in [
        ("chart_over_time", charts.over_time),
        ("chart_net", charts.net_over_time),
        ("chart_histogram", charts.histogram),
        ("chart_categories", charts.categories),
        ("chart_aspects", charts.aspects),
    ] {
        ctx.insert(name, minijinja::Value::from_safe_string(svg));
    }
    minijinja::Environment::new()
        .render_named_str("report.html", TEMPLATE, minijinja::Value::from(ctx))
        .map_err(|e| Error::new(ErrorKind::Render, None, format!("report page: {e:#}")))
}

struct Charts {
    over_time: String,
    net_over_time: String,
    histogram: String,
    categories: String,
    aspects: String,
}

/// What the template reads besides the summary: items cut into highlighted segments, times
/// shortened for the axis.
#[derive(Serialize)]
struct Page<'a> {
    s: &'a Summary,
    urgent: Vec<ItemView<'a>>,
    examples: Vec<(String, Vec<ItemView<'a>>)>,
    version: &'static str,
    bucket_label: Vec<String>,
}

/// A piece of an item's text: highlighted (with the label it is evidence for) or not.
#[derive(Serialize)]
struct Segment<'a> {
    text: &'a str,
    label: Option<&'a str>,
}

#[derive(Serialize)]
struct ItemView<'a> {
    item: &'a Item,
    segments: Vec<Segment<'a>>,
    time: Option<String>,
}

impl<'a> ItemView<'a> {
    fn of(item: &'a Item) -> ItemView<'a> {
        let text = item.text.as_str();
        let mut segments = Vec::new();
        let mut at = 0;
        for h in &item.highlights {
            // Spans were checked when the item was made; `get` keeps a bad one harmless.
            let (Some(before), Some(marked)) = (text.get(at..h.start), text.get(h.start..h.end))
            else {
                continue;
            };
            if !before.is_empty() {
                segments.push(Segment {
                    text: before,
                    label: None,
                });
            }
            segments.push(Segment {
                text: marked,
                label: Some(&h.label),
            });
            at = h.end;
        }
        if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
            segments.push(Segment {
                text: rest,
                label: None,
            });
        }
        ItemView {
            item,
            segments,
            time: item.time.as_deref().map(|t| short_time(t, "minute")),
        }
    }
}

/// An RFC 3339 time shortened for reading: `2026-11-23 09:30` (minute), `11-23 09h` (hour),
/// `11-23` (day), `2026-11-23` (weeks).
fn short_time(time: &str, unit: &str) -> String {
    let date = time.get(..10).unwrap_or(time);
    let month_day = time.get(5..10).unwrap_or(time);
    let hour = time.get(11..13).unwrap_or("");
    match unit {
        "minute" => format!("{date} {} UTC", time.get(11..16).unwrap_or("")),
        "hour" => format!("{month_day} {hour}h"),
        "day" => month_day.to_string(),
        _ => date.to_string(),
    }
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// Draws one chart into an SVG string.
fn chart(draw: impl FnOnce(&Area<'_>) -> Result<(), String>) -> Result<String, Error> {
    sized_chart((860, 260), draw)
}

/// Draws one chart of `size` (pixels, before the page scales it) into an SVG string.
fn sized_chart(
    size: (u32, u32),
    draw: impl FnOnce(&Area<'_>) -> Result<(), String>,
) -> Result<String, Error> {
    let mut svg = String::new();
    {
        let backend = SVGBackend::with_string(&mut svg, size);
        let root = backend.into_drawing_area();
        draw(&root)
            .and_then(|()| root.present().map_err(|e| e.to_string()))
            .map_err(|e| Error::new(ErrorKind::Render, None, format!("report chart: {e}")))?;
    }
    // A viewBox, so that the chart scales to the page's width (plotters writes a fixed size).
    let view_box = format!(
        "<svg viewBox=\"0 0 {} {}\" preserveAspectRatio=\"xMinYMin meet\" ",
        size.0, size.1
    );
    Ok(svg.replacen("<svg ", &view_box, 1))
}

fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&INK)
}

/// A message in place of a chart with no data.
fn empty(root: &Area<'_>, message: &str) -> Result<(), String> {
    let (_, height) = root.dim_in_pixel();
    let y = (height / 2).saturating_sub(8) as i32;
    root.draw(&Text::new(message.to_string(), (20, y), font(16)))
        .map_err(|e| e.to_string())
}

/// Posts per bucket, stacked by sentiment.
fn over_time(root: &Area<'_>, buckets: &[TimeBucket], unit: &str) -> Result<(), String> {
    if buckets.is_empty() {
        return empty(root, "No post had a time.");
    }
    let max = buckets.iter().map(|b| b.posts).max().unwrap_or(0).max(1) as f64;
    let n = buckets.len();
    let mut chart = ChartBuilder::on(root)
        .margin(8)
        .x_label_area_size(28)
        .y_label_area_size(52)
        .build_cartesian_2d(0f64..n as f64, 0f64..max * 1.05)
        .map_err(|e| e.to_string())?;
    let labels: Vec<String> = buckets.iter().map(|b| short_time(&b.start, unit)).collect();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n.min(10))
        .x_label_formatter(&|x| labels.get(*x as usize).cloned().unwrap_or_default())
        .y_label_formatter(&|y| format!("{y:.0}"))
        .y_desc("posts")
        .label_style(font(12))
        .axis_desc_style(font(12))
        .draw()
        .map_err(|e| e.to_string())?;
    for (part, color) in [(0, NEGATIVE), (1, NEUTRAL), (2, POSITIVE)] {
        chart
            .draw_series(buckets.iter().enumerate().map(|(i, b)| {
                // Stacked: negative at the bottom, then neutral, then positive.
                let below = match part {
                    0 => 0,
                    1 => b.negative,
                    _ => b.negative + b.neutral,
                } as f64;
                let height = [b.negative, b.neutral, b.positive][part] as f64;
                Rectangle::new(
                    [(i as f64 + 0.1, below), (i as f64 + 0.9, below + height)],
                    color.filled(),
                )
            }))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Net sentiment ((positive − negative) / posts) per bucket, −1..1.
fn net_over_time(root: &Area<'_>, buckets: &[TimeBucket], unit: &str) -> Result<(), String> {
    if buckets.iter().all(|b| b.posts == 0) {
        return empty(root, "No post had a time.");
    }
    let n = buckets.len();
    let mut chart = ChartBuilder::on(root)
        .margin(8)
        .x_label_area_size(28)
        .y_label_area_size(52)
        .build_cartesian_2d(0f64..n as f64, -1f64..1f64)
        .map_err(|e| e.to_string())?;
    let labels: Vec<String> = buckets.iter().map(|b| short_time(&b.start, unit)).collect();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(n.min(10))
        .y_labels(5)
        .x_label_formatter(&|x| labels.get(*x as usize).cloned().unwrap_or_default())
        .y_label_formatter(&|y| format!("{y:+.1}"))
        .y_desc("net sentiment")
        .label_style(font(12))
        .axis_desc_style(font(12))
        .draw()
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(LineSeries::new(
            [(0.0, 0.0), (n as f64, 0.0)],
            NEUTRAL.stroke_width(1),
        ))
        .map_err(|e| e.to_string())?;
    let points: Vec<(f64, f64)> = buckets
        .iter()
        .enumerate()
        .filter(|(_, b)| b.posts > 0)
        .map(|(i, b)| {
            let net = (b.positive as f64 - b.negative as f64) / b.posts as f64;
            (i as f64 + 0.5, net)
        })
        .collect();
    chart
        .draw_series(LineSeries::new(points.clone(), INK.stroke_width(2)))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(
            points
                .iter()
                .map(|&(x, y)| Circle::new((x, y), 3, INK.filled())),
        )
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Posts per compound bin, coloured by the bin's sentiment.
fn histogram(root: &Area<'_>, bins: &[u64]) -> Result<(), String> {
    let max = bins.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return empty(root, "No posts.");
    }
    let mut chart = ChartBuilder::on(root)
        .margin(8)
        .x_label_area_size(28)
        .y_label_area_size(52)
        .build_cartesian_2d(-1f64..1f64, 0f64..max as f64 * 1.05)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(11)
        .y_label_formatter(&|y| format!("{y:.0}"))
        .x_label_formatter(&|x| format!("{x:.1}"))
        .x_desc("compound")
        .y_desc("posts")
        .label_style(font(12))
        .axis_desc_style(font(12))
        .draw()
        .map_err(|e| e.to_string())?;
    let width = 2.0 / bins.len().max(1) as f64;
    chart
        .draw_series(bins.iter().enumerate().map(|(i, &n)| {
            let x = -1.0 + i as f64 * width;
            let color = if x + width <= -0.05 {
                NEGATIVE
            } else if x >= 0.05 {
                POSITIVE
            } else {
                NEUTRAL
            };
            Rectangle::new(
                [(x + width * 0.05, 0.0), (x + width * 0.95, n as f64)],
                color.filled(),
            )
        }))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// The size of a bar chart of `rows` labels (at most 12): half the page wide, a row each.
fn bars_size(rows: usize) -> (u32, u32) {
    (520, 60 + 30 * rows.clamp(1, 12) as u32)
}

/// Horizontal bars, one per label (at most 12), coloured by a compound when given.
fn bars<'l>(
    root: &Area<'_>,
    rows: impl Iterator<Item = (&'l str, u64, Option<f64>)>,
) -> Result<(), String> {
    let rows: Vec<(&str, u64, Option<f64>)> = rows.take(12).collect();
    if rows.is_empty() {
        return empty(root, "None found.");
    }
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let n = rows.len();
    let mut chart = ChartBuilder::on(root)
        .margin(8)
        .x_label_area_size(28)
        .y_label_area_size(110)
        .build_cartesian_2d(0f64..max * 1.1, 0f64..n as f64)
        .map_err(|e| e.to_string())?;
    let labels: Vec<String> = rows.iter().map(|r| r.0.to_string()).collect();
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n * 2 + 1)
        .y_label_formatter(&|y| {
            // Labels sit at the middle of each bar (row i spans n-1-i .. n-i).
            let row = n as f64 - y - 0.5;
            if (row - row.round()).abs() < 1e-6 && row >= 0.0 {
                labels
                    .get(row.round() as usize)
                    .cloned()
                    .unwrap_or_default()
            } else {
                String::new()
            }
        })
        .x_label_formatter(&|x| format!("{x:.0}"))
        .x_desc("posts")
        .label_style(font(12))
        .axis_desc_style(font(12))
        .draw()
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(rows.iter().enumerate().map(|(i, &(_, posts, compound))| {
            let top = (n - i) as f64;
            let color = match compound {
                Some(c) if c >= 0.05 => POSITIVE,
                Some(c) if c <= -0.05 => NEGATIVE,
                Some(_) => NEUTRAL,
                None => BAR,
            };
            Rectangle::new(
                [(0.0, top - 0.85), (posts as f64, top - 0.15)],
                color.filled(),
            )
        }))
        .map_err(|e| e.to_string())?;
    Ok(())
}
