//! `sentiment(text)` and `analyze(text)` in SQL over a Parquet file written here: every string
//! layout (the file's `string` and `large_string` columns read as they are, and as views, which
//! DataFusion reads by default), nulls, constants, and results equal to earshot's own API in
//! every part (sentiment, categories, risk, aspects); the `report(text)` aggregate equal to one
//! pass of earshot's report whatever the partitioning.

use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, Int64Array, LargeStringArray, RecordBatch, StringArray, StringViewArray,
    cast::AsArray,
};
use datafusion::arrow::datatypes::Float64Type;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};
use earshot::Analyzer;

/// Posts of the repository's corpus, with a null every seventh row.
fn posts() -> Vec<Option<&'static str>> {
    include_str!("../../../data/posts.txt")
        .lines()
        .enumerate()
        .map(|(i, p)| (i % 7 != 3).then_some(p))
        .collect()
}

/// Writes the posts as a Parquet file with one column per string layout.
fn write_parquet(name: &str) -> std::path::PathBuf {
    let posts = posts();
    let ids: Vec<i64> = (0..posts.len() as i64).collect();
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("id", Arc::new(Int64Array::from(ids))),
        ("t", Arc::new(StringArray::from(posts.clone()))),
        ("t_large", Arc::new(LargeStringArray::from(posts.clone()))),
        ("t_view", Arc::new(StringViewArray::from(posts))),
    ];
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let dir = std::env::temp_dir().join(format!("earshot-datafusion-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let file = std::fs::File::create(&path).unwrap();
    let mut writer = ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    // Small row groups, so that a scan has several batches and partitions.
    for start in (0..batch.num_rows()).step_by(50) {
        let len = 50.min(batch.num_rows() - start);
        writer.write(&batch.slice(start, len)).unwrap();
        writer.flush().unwrap();
    }
    writer.close().unwrap();
    path
}

async fn context(path: &std::path::Path, views: bool) -> SessionContext {
    context_with(path.to_str().unwrap(), views, 2).await
}

/// A session of `partitions` target partitions, earshot's functions registered and the
/// Parquet at `location` (a file, or a folder ending in `/`) as the table `posts`, its
/// strings read as views when `views`.
async fn context_with(location: &str, views: bool, partitions: usize) -> SessionContext {
    let mut config = SessionConfig::new().with_target_partitions(partitions);
    config
        .options_mut()
        .execution
        .parquet
        .schema_force_view_types = views;
    let ctx = SessionContext::new_with_config(config);
    earshot_datafusion::register(&ctx, Analyzer::default());
    ctx.register_parquet("posts", location, ParquetReadOptions::default())
        .await
        .unwrap();
    ctx
}

/// The `label` field of a list of structs (categories, flags, aspects).
fn labels_of(items: &ArrayRef) -> Vec<&str> {
    let labels = items.as_struct().column_by_name("label").unwrap();
    labels
        .as_string::<i32>()
        .iter()
        .map(Option::unwrap)
        .collect()
}

async fn query(ctx: &SessionContext, sql: &str) -> RecordBatch {
    let batches = ctx.sql(sql).await.unwrap().collect().await.unwrap();
    let schema = batches[0].schema();
    datafusion::arrow::compute::concat_batches(&schema, &batches).unwrap()
}

#[tokio::test]
async fn every_layout_gives_earshots_results_row_by_row() {
    let path = write_parquet("layouts.parquet");
    let posts = posts();
    let analyzer = Analyzer::default();
    for (views, column, layout) in [
        (false, "t", "Utf8"),
        (false, "t_large", "LargeUtf8"),
        (true, "t", "Utf8View"),
        (false, "t_view", "Utf8View"),
    ] {
        let ctx = context(&path, views).await;
        let sql = format!(
            "SELECT id, arrow_typeof({column}) AS layout, sentiment({column}) AS s, \
             \"analyze\"({column}) AS a FROM posts ORDER BY id"
        );
        let batch = query(&ctx, &sql).await;
        assert_eq!(batch.num_rows(), posts.len());
        let layouts = batch.column(1).as_string::<i32>();
        assert_eq!(layouts.value(0), layout, "{column} with views {views}");
        let s = batch.column(2).as_struct();
        let a = batch.column(3).as_struct();
        let compound = s
            .column_by_name("compound")
            .unwrap()
            .as_primitive::<Float64Type>();
        let label = s.column_by_name("label").unwrap().as_string::<i32>();
        let categories = a.column_by_name("categories").unwrap().as_list::<i32>();
        let risk = a.column_by_name("risk").unwrap().as_struct();
        let urgency = risk
            .column_by_name("urgency")
            .unwrap()
            .as_primitive::<Float64Type>();
        let flags = risk.column_by_name("flags").unwrap().as_list::<i32>();
        let route = risk.column_by_name("route").unwrap().as_list::<i32>();
        let aspects = a.column_by_name("aspects").unwrap().as_list::<i32>();
        for (i, post) in posts.iter().enumerate() {
            let Some(post) = post else {
                assert!(s.is_null(i) && a.is_null(i), "row {i} is null");
                continue;
            };
            let want = analyzer.analyze(post);
            assert_eq!(compound.value(i), want.sentiment.compound, "{post}");
            assert_eq!(label.value(i), want.sentiment.label.as_str(), "{post}");
            let want_labels: Vec<&str> = want.categories.iter().map(|c| c.label.as_str()).collect();
            assert_eq!(labels_of(&categories.value(i)), want_labels, "{post}");
            assert_eq!(urgency.value(i), want.risk.urgency, "{post}");
            let want_flags: Vec<&str> = want.risk.flags.iter().map(|f| f.label.as_str()).collect();
            assert_eq!(labels_of(&flags.value(i)), want_flags, "{post}");
            let got_route = route.value(i);
            let got_route: Vec<&str> = got_route.as_string::<i32>().iter().flatten().collect();
            let want_route: Vec<&str> = want.risk.route.iter().map(|r| r.as_str()).collect();
            assert_eq!(got_route, want_route, "{post}");
            let want_aspects: Vec<&str> = want.aspects.iter().map(|x| x.label.as_str()).collect();
            let got_aspects = aspects.value(i);
            assert_eq!(labels_of(&got_aspects), want_aspects, "{post}");
            let compounds = got_aspects.as_struct().column(1).as_struct().column(0);
            let compounds = compounds.as_primitive::<Float64Type>().values();
            let want_compounds: Vec<f64> =
                want.aspects.iter().map(|x| x.sentiment.compound).collect();
            assert_eq!(compounds, &want_compounds[..], "{post}");
        }
    }
}

#[tokio::test]
async fn filters_aggregates_nulls_and_constants() {
    let path = write_parquet("sql.parquet");
    let posts = posts();
    let analyzer = Analyzer::default();
    let ctx = context(&path, true).await;
    // A filter on a struct field: as many as earshot says are negative.
    let batch = query(
        &ctx,
        "SELECT count(*) FROM posts WHERE sentiment(t)['label'] = 'negative'",
    )
    .await;
    let want = posts
        .iter()
        .flatten()
        .filter(|p| analyzer.sentiment(p).label == earshot::Label::Negative)
        .count() as i64;
    assert_eq!(
        batch
            .column(0)
            .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
            .value(0),
        want
    );
    // Categories unnested and counted.
    let batch = query(
        &ctx,
        "SELECT c['label'] AS label, count(*) AS n FROM \
         (SELECT unnest(earshot_analyze(t)['categories']) AS c FROM posts) GROUP BY 1 ORDER BY 1",
    )
    .await;
    let mut want = std::collections::BTreeMap::new();
    for p in posts.iter().flatten() {
        for c in analyzer.analyze(p).categories {
            *want.entry(c.label.to_string()).or_insert(0i64) += 1;
        }
    }
    let labels = batch
        .column(0)
        .as_string_view_opt()
        .map(|a| a.iter().map(|l| l.unwrap().to_string()).collect::<Vec<_>>())
        .unwrap_or_else(|| {
            batch
                .column(0)
                .as_string::<i32>()
                .iter()
                .map(|l| l.unwrap().to_string())
                .collect()
        });
    let counts = batch
        .column(1)
        .as_primitive::<datafusion::arrow::datatypes::Int64Type>();
    let got: std::collections::BTreeMap<String, i64> = labels
        .into_iter()
        .zip(counts.values().iter().copied())
        .collect();
    assert_eq!(got, want);
    // Risk and aspects in SQL: the posts to answer first, the aspects judged negatively.
    let count = |batch: &RecordBatch| {
        batch
            .column(0)
            .as_primitive::<datafusion::arrow::datatypes::Int64Type>()
            .value(0)
    };
    let batch = query(
        &ctx,
        "SELECT count(*) FROM posts WHERE analyze(t)['risk']['urgency'] >= 0.5",
    )
    .await;
    let all: Vec<earshot::Analysis> = posts
        .iter()
        .flatten()
        .map(|p| analyzer.analyze(p))
        .collect();
    let urgent = all.iter().filter(|a| a.risk.urgency >= 0.5).count() as i64;
    assert!(urgent > 0);
    assert_eq!(count(&batch), urgent);
    let batch = query(
        &ctx,
        "SELECT count(*) FROM (SELECT unnest(earshot_analyze(t)['aspects']) AS x FROM posts) \
         WHERE x['sentiment']['label'] = 'negative'",
    )
    .await;
    let negative = all
        .iter()
        .flat_map(|a| &a.aspects)
        .filter(|x| x.sentiment.label == earshot::Label::Negative)
        .count() as i64;
    assert!(negative > 0);
    assert_eq!(count(&batch), negative);
    // Constants and NULL.
    let batch = query(
        &ctx,
        "SELECT analyze(arrow_cast('the app keeps crashing', 'Utf8View')) AS a, \
         sentiment(NULL) IS NULL AS n, sentiment('I love it')['label'] AS l",
    )
    .await;
    assert!(batch.column(0).is_valid(0));
    assert!(batch.column(1).as_boolean().value(0));
    assert_eq!(batch.column(2).as_string::<i32>().value(0), "positive");
}

/// The report of `sql`'s one JSON value, read back as a summary.
async fn summary_of(ctx: &SessionContext, sql: &str) -> earshot::report::Summary {
    let batch = query(ctx, sql).await;
    assert_eq!(batch.num_rows(), 1);
    serde_json::from_str(batch.column(0).as_string::<i32>().value(0)).unwrap()
}

#[tokio::test]
async fn the_report_aggregate_equals_one_pass_in_any_partitioning() {
    // The posts in four files (a small file is read by one partition: four files are read by
    // as many partitions as there are, up to four).
    let file = write_parquet("report.parquet");
    let path = file.with_file_name("report-parts");
    std::fs::create_dir_all(&path).unwrap();
    let whole = datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
        std::fs::File::open(&file).unwrap(),
    )
    .unwrap()
    .build()
    .unwrap()
    .map(Result::unwrap)
    .collect::<Vec<_>>();
    let whole = datafusion::arrow::compute::concat_batches(&whole[0].schema(), &whole).unwrap();
    let quarter = whole.num_rows().div_ceil(4);
    for part in 0..4 {
        let start = part * quarter;
        let slice = whole.slice(start, quarter.min(whole.num_rows() - start));
        let out = std::fs::File::create(path.join(format!("part-{part}.parquet"))).unwrap();
        let mut writer = ArrowWriter::try_new(out, slice.schema(), None).unwrap();
        writer.write(&slice).unwrap();
        writer.close().unwrap();
    }
    let posts = posts();
    let analyzer = Analyzer::default();
    let mut alone = earshot::report::Report::new();
    for p in posts.iter().flatten() {
        alone.add(&earshot::report::Post::new(p), &analyzer.analyze(p));
    }
    let want = alone.finish();
    assert_eq!(want.posts, posts.iter().flatten().count() as u64);
    assert!(want.posts < posts.len() as u64, "the file has nulls");
    assert_eq!(
        want.limits.term_error, 0,
        "no table pruned: merging is exact"
    );
    for (partitions, views, column) in [
        (1, false, "t"),
        (4, false, "t"),
        (3, true, "t"),
        (2, false, "t_large"),
    ] {
        let dir = format!("{}/", path.to_str().unwrap());
        let ctx = context_with(&dir, views, partitions).await;
        let sql = format!("SELECT report({column}) FROM posts");
        if partitions > 1 {
            // Partial reports per partition, merged from their states: the path under test.
            let plan = query(&ctx, &format!("EXPLAIN {sql}")).await;
            let plan = format!("{:?}", plan.column(1));
            assert!(plan.contains("mode=Partial"), "{plan}");
            assert!(
                plan.contains("RepartitionExec") || plan.contains("CoalescePartitionsExec"),
                "{plan}"
            );
        }
        let got = summary_of(&ctx, &sql).await;
        assert_eq!(got.posts, want.posts, "{partitions} partitions");
        let categories = |s: &earshot::report::Summary| {
            (s.categories.iter())
                .map(|c| (c.label.clone(), c.posts))
                .collect::<Vec<_>>()
        };
        assert_eq!(categories(&got), categories(&want));
        assert_eq!(
            got, want,
            "{partitions} partitions, {column}, views {views}"
        );
    }
    // Per group: one report each, adding up to all posts.
    let ctx = context(&file, true).await;
    let batch = query(
        &ctx,
        "SELECT id % 3 AS g, earshot_report(t) AS r FROM posts GROUP BY 1 ORDER BY 1",
    )
    .await;
    assert_eq!(batch.num_rows(), 3);
    let reports = batch.column(1).as_string::<i32>();
    let total: u64 = (0..3)
        .map(|i| {
            serde_json::from_str::<earshot::report::Summary>(reports.value(i))
                .unwrap()
                .posts
        })
        .sum();
    assert_eq!(total, want.posts);
    // No rows, or only nulls: an empty report.
    let empty = summary_of(&ctx, "SELECT report(t) FROM posts WHERE t IS NULL").await;
    assert_eq!(empty.posts, 0);
}
