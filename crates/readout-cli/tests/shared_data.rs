//! Checks on the shared data beside the repository (`../shared`): the worked example and
//! the news corpus. Each test skips with a message when the data is absent.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn shared(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("SKIPPED: {} is absent", path.display());
        None
    }
}

fn extract(args: &[&str]) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_readout"))
        .arg("extract")
        .args(args)
        .output()
        .expect("run readout");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON record"))
        .collect()
}

#[test]
fn seed_page_gives_three_reports_with_headlines_and_dateline() {
    let Some(seed) = shared("seed/putin-trump-call.txt") else {
        return;
    };
    let records = extract(&[seed.to_str().unwrap(), "--published", "2025-07-03"]);
    assert_eq!(records.len(), 3);
    assert!(records[0]["title"].is_null());
    assert_eq!(records[0]["dateline"]["place"], "Moscow");
    assert_eq!(records[0]["dateline"]["text"], "Moscow:");
    assert!(records[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("In a nearly hour-long"));
    assert_eq!(
        records[1]["title"],
        "Trump and Putin Held Sixth Phone Call Since Return to White House"
    );
    assert_eq!(
        records[2]["title"],
        "'Trump Could Get Offended': Putin Exits Event in a Hurry After Trump Calls"
    );
    for r in &records {
        assert_eq!(r["published"]["iso"], "2025-07-03");
        assert_eq!(r["published"]["source"], "option");
        // The source map leads back to the file: the first text byte is where the map says.
        let raw = std::fs::read(&seed).unwrap();
        let run = &r["source_map"]["runs"][0];
        let (ts, te) = (
            run["text_start"].as_u64().unwrap() as usize,
            run["text_end"].as_u64().unwrap() as usize,
        );
        let (rs, re) = (
            run["raw_start"].as_u64().unwrap() as usize,
            run["raw_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &r["text"].as_str().unwrap().as_bytes()[ts..te],
            &raw[rs..re]
        );
    }
}

#[test]
fn corpus_gives_every_article() {
    let Some(corpus) = shared("corpus/newsarticles.jsonl") else {
        return;
    };
    // Lines whose text is empty or blank give no article, with a warning each.
    let lines = std::fs::read_to_string(&corpus).unwrap();
    let blank = lines
        .lines()
        .filter(|l| {
            let v: Value = serde_json::from_str(l).expect("a JSON line");
            v["text"].as_str().is_some_and(|t| t.trim().is_empty())
        })
        .count();
    assert_eq!(lines.lines().count(), 3824);
    let records = extract(&[corpus.to_str().unwrap()]);
    assert_eq!(records.len(), 3824 - blank);
    assert!(records
        .iter()
        .all(|r| !r["sentences"].as_array().unwrap().is_empty()));
}

#[test]
fn eval_all_loads_every_gold_set_and_scores_html() {
    let Some(gold) = shared("gold") else {
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(["eval", "all", "--json", "--peers", "/nonexistent/peers"])
        .arg("--gold-root")
        .arg(&gold)
        .output()
        .expect("run readout");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    // Every default data set is present in ../shared, so none may be skipped for absence.
    assert!(!stderr.contains("no gold data"), "{stderr}");
    let reports: Vec<Value> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON report"))
        .collect();
    let html = reports
        .iter()
        .find(|r| r["task"] == "html" && r["system"] == "readout")
        .expect("readout's html report");
    assert_eq!(html["documents"], 181);
    assert!(html["f1"].as_f64().unwrap() > 0.95, "{html}");
    let times = reports
        .iter()
        .find(|r| r["task"] == "times" && r["system"] == "readout")
        .expect("readout's times report");
    assert_eq!(times["documents"], 256);
    assert!(
        times["extent_relaxed_f1"].as_f64().unwrap() > 0.85,
        "{times}"
    );
}

/// The entity of `record` whose name is `name`.
fn entity<'a>(record: &'a Value, name: &str) -> &'a Value {
    record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"]["text"] == name)
        .unwrap_or_else(|| panic!("no entity {name} in {}", record["entities"]))
}

fn code(e: &Value) -> (String, String) {
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    (s(&e["code"]["country"]), s(&e["code"]["sector"]))
}

fn mention_texts(e: &Value) -> Vec<(String, String)> {
    e["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["text"].as_str().unwrap().to_string(),
                m["link"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn seed_entities_have_codes_roles_and_linked_mentions() {
    // What EXPECTED.md lists for the worked example; the code knows none of these names.
    let Some(seed) = shared("seed/putin-trump-call.txt") else {
        return;
    };
    let records = extract(&[seed.to_str().unwrap(), "--published", "2025-07-03"]);
    let first = &records[0];
    let putin = entity(first, "Vladimir Putin");
    assert_eq!(putin["type"], "PER");
    assert_eq!(code(putin), ("RUS".into(), "GOV".into()));
    assert!(putin["roles"].to_string().contains("Russian President"));
    let trump = entity(first, "Donald Trump");
    assert_eq!(code(trump), ("USA".into(), "GOV".into()));
    let ushakov = entity(first, "Yuri Ushakov");
    assert_eq!(code(ushakov), ("RUS".into(), "GOV".into()));
    assert!(ushakov["roles"].to_string().contains("Kremlin aide"));
    let mentions = mention_texts(ushakov);
    assert!(
        mentions.contains(&("He".into(), "pronoun".into())),
        "{mentions:?}"
    );
    assert!(mentions.contains(&("Ushakov".into(), "partial_name".into())));
    assert_eq!(code(entity(first, "Kremlin")), ("RUS".into(), "GOV".into()));
    assert_eq!(code(entity(first, "Reuters")).1, "MED");
    assert_eq!(code(entity(first, "Kyiv")).0, "UKR");
    let second = &records[1];
    assert_eq!(
        code(entity(second, "White House")),
        ("USA".into(), "GOV".into())
    );
    // "[Trump] ..., he could get offended" inside Putin's quotation.
    let third_trump = mention_texts(entity(&records[2], "Donald Trump"));
    assert!(
        third_trump.contains(&("he".into(), "pronoun".into())),
        "{third_trump:?}"
    );
}

/// The quotations of a record as (kind, content start, speaker name, cue, relays).
fn quote_rows(record: &Value) -> Vec<(String, String, String, String, Vec<String>)> {
    let text = |v: &Value| v["text"].as_str().unwrap_or("").to_string();
    record["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .map(|q| {
            (
                q["kind"].as_str().unwrap_or("").to_string(),
                text(&q["content"]),
                q["speaker_name"].as_str().unwrap_or("").to_string(),
                text(&q["cue"]),
                q["relays"]
                    .as_array()
                    .expect("relays")
                    .iter()
                    .map(|r| format!("{}:{}", r["kind"].as_str().unwrap(), text(r)))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn seed_quotations_have_speakers_cues_and_relays() {
    // The ten attributions of EXPECTED.md; the code knows none of these names.
    let Some(seed) = shared("seed/putin-trump-call.txt") else {
        return;
    };
    let records = extract(&[seed.to_str().unwrap()]);
    // Speech attributions only: the attribution verbs ("citing an urgent phone call") are
    // counted apart below.
    let speech: Vec<Value> = records
        .iter()
        .map(|r| {
            let mut r = r.clone();
            if let Some(q) = r["quotes"].as_array_mut() {
                q.retain(|q| q["cue_kind"] == "speech");
            }
            r
        })
        .collect();
    let rows: Vec<_> = speech.iter().flat_map(quote_rows).collect();
    let others: Vec<String> = records
        .iter()
        .flat_map(|r| r["quotes"].as_array().cloned().unwrap_or_default())
        .filter(|q| q["cue_kind"] == "other")
        .map(|q| format!("{} {}", q["cue"]["text"], q["content"]["text"]))
        .collect();
    assert_eq!(
        others,
        ["\"citing\" \"an urgent phone call with U.S. President Donald Trump\""],
        "attributions beyond speech"
    );
    let find = |start: &str| {
        rows.iter()
            .find(|r| r.1.starts_with(start))
            .unwrap_or_else(|| panic!("no quotation starting {start:?} in {rows:#?}"))
    };
    let expect = |start: &str, kind: &str, speaker: &str, cue: &str, relays: &[&str]| {
        let r = find(start);
        assert_eq!(
            (r.0.as_str(), r.2.as_str(), r.3.as_str()),
            (kind, speaker, cue),
            "{r:?}"
        );
        assert_eq!(r.4, relays, "{r:?}");
    };
    expect(
        "“President Putin confirmed",
        "direct",
        "Yuri Ushakov",
        "was quoted by Reuters as saying",
        &["outlet:Reuters"],
    );
    expect(
        "“Will be speaking",
        "direct",
        "Donald Trump",
        "had posted",
        &["medium:on his social media platform"],
    );
    expect(
        "\"Please, don't be angry.",
        "direct",
        "Vladimir Putin",
        "told",
        // The forum is named in the sentence before, which puts Putin there.
        &[
            "audience:the audience",
            "venue:at the Strong Ideas for a New Time forum",
        ],
    );
    expect(
        "that Trump once again urged",
        "indirect",
        "Yuri Ushakov",
        "told",
        &["audience:reporters"],
    );
    expect(
        "Russia’s openness",
        "indirect",
        "Vladimir Putin",
        "reiterated",
        &[],
    );
    expect(
        "that issues surrounding Iran",
        "indirect",
        "Vladimir Putin",
        "stressing",
        &[],
    );
    expect(
        "Notably, the two did not discuss",
        "indirect",
        "Yuri Ushakov",
        "added",
        &[],
    );
    expect(
        "that Russia continues to insist",
        "indirect",
        "Yuri Ushakov",
        "stated",
        &[],
    );
    expect(
        "In a nearly hour-long",
        "indirect",
        "Kremlin",
        "according to",
        &[],
    );
    // The headline fragment, attributed from the body.
    let third = &records[2];
    let partial = third["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["kind"] == "partial")
        .expect("the headline fragment");
    assert_eq!(partial["in_title"], true);
    assert_eq!(partial["content"]["text"], "'Trump Could Get Offended'");
    assert_eq!(partial["speaker_name"], "Vladimir Putin");
    assert_eq!(rows.len(), 10, "{rows:#?}");
}

/// Every temporal expression of the seed's records: text, type, value and mod.
fn time_rows(records: &[Value]) -> Vec<(String, String, Value, Value)> {
    records
        .iter()
        .flat_map(|r| r["times"].as_array().cloned().unwrap_or_default())
        .map(|t| {
            (
                t["text"].as_str().unwrap_or_default().to_string(),
                t["type"].as_str().unwrap_or_default().to_string(),
                t["value"].clone(),
                t["mod"].clone(),
            )
        })
        .collect()
}

#[test]
fn seed_times_resolve_against_the_publication_date_and_only_then() {
    // The dates of EXPECTED.md; the code knows nothing of this page.
    let Some(seed) = shared("seed/putin-trump-call.txt") else {
        return;
    };
    let with = extract(&[seed.to_str().unwrap(), "--published", "2025-07-03"]);
    let rows = time_rows(&with);
    let find = |text: &str| {
        rows.iter()
            .find(|r| r.0 == text)
            .unwrap_or_else(|| panic!("no time expression {text:?} in {rows:#?}"))
            .clone()
    };
    let s = |v: &str| Value::String(v.to_string());
    assert_eq!(find("Thursday").2, s("2025-07-03"));
    assert_eq!(find("Thursday morning").2, s("2025-07-03TMO"));
    assert_eq!(find("10:00 A.M.").2, s("2025-07-03T10:00"));
    assert_eq!(find("earlier this year").2, s("2025"));
    let hour = find("nearly hour-long");
    assert_eq!(
        (hour.1.as_str(), &hour.2, &hour.3),
        ("DURATION", &s("PT1H"), &s("APPROX"))
    );
    // The sentence that reports the call speaks of the day of the call.
    let call_day = with
        .iter()
        .flat_map(|r| r["sentences"].as_array().cloned().unwrap_or_default())
        .filter(|s| s["text"].as_str().unwrap_or_default().contains("Thursday"))
        .all(|s| {
            s["time"]["value"]
                .as_str()
                .unwrap_or_default()
                .starts_with("2025-07-03")
        });
    assert!(call_day);

    // Without a publication date the same expressions are found, typed, and left unresolved;
    // the duration keeps its value.
    let without = time_rows(&extract(&[seed.to_str().unwrap()]));
    for text in [
        "Thursday",
        "Thursday morning",
        "10:00 A.M.",
        "earlier this year",
    ] {
        let r = without
            .iter()
            .find(|r| r.0 == text)
            .unwrap_or_else(|| panic!("no {text:?} without --published"));
        assert_eq!(r.2, Value::Null, "{r:?}");
    }
    assert!(without
        .iter()
        .any(|r| r.0 == "nearly hour-long" && r.2 == s("PT1H")));
}

#[test]
fn seed_call_is_one_event_per_article_with_its_attributes() {
    // The call of EXPECTED.md; the code knows nothing of this page.
    let Some(seed) = shared("seed/putin-trump-call.txt") else {
        return;
    };
    // Every event the coder finds, confident or not: the call in each report.
    let articles = extract(&[
        seed.to_str().unwrap(),
        "--published",
        "2025-07-03",
        "--all-events",
    ]);
    assert_eq!(articles.len(), 3, "the page holds three reports");
    let text = |v: &Value| v["text"].as_str().unwrap_or_default().to_string();
    let codes = |list: &Value| -> Vec<String> {
        let mut c: Vec<String> = list
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| {
                format!(
                    "{} {}",
                    a["code"].as_str().unwrap_or("-"),
                    a["sector"].as_str().unwrap_or("-")
                )
            })
            .collect();
        c.sort();
        c
    };
    for (i, article) in articles.iter().enumerate() {
        let calls: Vec<&Value> = article["events"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["cameo"] == "041")
            .collect();
        // Article 3 also codes "left (the session)" as 040 upgraded by its "phone call";
        // the call with both leaders is the one that names Trump as well.
        let call = calls
            .iter()
            .find(|e| {
                let all = [codes(&e["source"]), codes(&e["target"])].concat();
                all.iter().any(|c| c.starts_with("RUS")) && all.iter().any(|c| c.starts_with("USA"))
            })
            .unwrap_or_else(|| {
                panic!(
                    "article {}: no call between RUS and USA in {calls:#?}",
                    i + 1
                )
            });
        assert_eq!(
            (call["type"].as_str(), call["mode"].as_str()),
            (Some("CONSULT"), Some("phone"))
        );
        let all = [codes(&call["source"]), codes(&call["target"])].concat();
        assert!(
            all.contains(&"RUS GOV".to_string()) || all.contains(&"RUS -".to_string()),
            "{all:?}"
        );
        assert!(all.iter().any(|c| c.starts_with("USA")), "{all:?}");
        let calls_with_both = calls
            .iter()
            .filter(|e| {
                let all = [codes(&e["source"]), codes(&e["target"])].concat();
                all.iter().any(|c| c.starts_with("RUS")) && all.iter().any(|c| c.starts_with("USA"))
            })
            .count();
        assert_eq!(
            calls_with_both,
            1,
            "article {}: the call is one event",
            i + 1
        );
        if i == 0 {
            // Announced, described and denied a topic in three sentences: one event.
            assert!(call["mentions"].as_array().unwrap().len() >= 3, "{call:#}");
            assert_eq!(call["date"]["value"], "2025-07-03");
            assert_eq!(call["date"]["basis"], "expression");
            assert!(call["duration"].is_string());
            let topics: Vec<(String, bool)> = call["topics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| (text(t), t["negated"].as_bool().unwrap()))
                .collect();
            assert!(
                topics
                    .iter()
                    .any(|(t, n)| t.contains("war in Ukraine") && !n),
                "{topics:?}"
            );
            assert!(
                topics
                    .iter()
                    .any(|(t, n)| t.contains("weapons deliveries") && *n),
                "{topics:?}"
            );
            assert_eq!(call["reported_by"]["source"]["text"], "the Kremlin");
        }
        if i == 1 {
            let claims = call["claims"].as_array().unwrap();
            assert!(claims.iter().any(|c| c["ordinal"] == 6), "{call:#}");
        }
    }
}

#[test]
fn seed_events_kept_by_default_are_confident_ones() {
    // By default only events at or above `min_event_confidence` are kept. The first two
    // reports keep their call with both leaders ("spoke by phone" through the verb that
    // governs "phone"); the third report's call is a noun ("citing an urgent phone call
    // with ...") that no verb of the coder's carries, so it falls below: a known gap of
    // the coder (docs/events.md). What a careful reader rejects (EXPECTED.md: "made it
    // clear", "surrounding", "pressure", "Thank") is not kept.
    let Some(seed) = shared("seed/putin-trump-call.txt") else {
        return;
    };
    let articles = extract(&[seed.to_str().unwrap(), "--published", "2025-07-03"]);
    assert_eq!(articles.len(), 3);
    let codes = |list: &Value| -> String {
        list.as_array()
            .into_iter()
            .flatten()
            .map(|a| a["code"].as_str().unwrap_or("-").to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for article in &articles[..2] {
        let events = article["events"].as_array().unwrap();
        assert!(
            events.iter().any(|e| {
                let all = format!("{} {}", codes(&e["source"]), codes(&e["target"]));
                e["cameo"] == "041" && all.contains("RUS") && all.contains("USA")
            }),
            "{events:#?}"
        );
    }
    for article in &articles {
        for e in article["events"].as_array().unwrap() {
            assert!(e["confidence"].as_f64().unwrap() >= 0.85, "{e:#}");
            let trigger = e["mentions"][0]["trigger"]["text"].as_str().unwrap();
            assert!(
                !["clear", "surrounding", "pressure", "Thank"].contains(&trigger),
                "{e:#}"
            );
        }
    }
}

#[test]
fn seed_call_is_one_story_and_one_event_with_three_mentions_in_the_store() {
    // The three reports of the page, ingested: one story, one call event with a mention
    // in each, and the "sixth call" claim stored and checked.
    let Some(seed) = shared("seed/putin-trump-call.txt") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seed.db");
    let db = db.to_str().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_readout"))
        // Every event: the third report's call is a noun below the default confidence
        // (see `seed_events_kept_by_default_are_confident_ones`).
        .args([
            "ingest",
            seed.to_str().unwrap(),
            "--published",
            "2025-07-03",
            "--all-events",
            "--db",
            db,
        ])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let query = |args: &[&str]| -> Value {
        let out = Command::new(env!("CARGO_BIN_EXE_readout"))
            .args(args)
            .args(["--db", db, "--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let stories = query(&["stories", "--full"]);
    let stories = stories.as_array().unwrap();
    assert_eq!(stories.len(), 1, "{stories:#?}");
    assert_eq!(stories[0]["articles"], 3);
    let calls: Vec<&Value> = stories[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            let codes = format!("{} {}", e["source_codes"], e["target_codes"]);
            e["cameo"] == "041" && codes.contains("RUS") && codes.contains("USA")
        })
        .collect();
    assert_eq!(calls.len(), 1, "{:#?}", stories[0]["events"]);
    assert_eq!(calls[0]["articles"], 3);
    assert_eq!(calls[0]["mentions"].as_array().unwrap().len(), 3);
    let claims = query(&["claims"]);
    let claims = claims.as_array().unwrap();
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(claims[0]["ordinal"], 6);
    assert_eq!(claims[0]["story_event_id"], calls[0]["id"]);
    // The store holds this call only: too little to say whether it was the sixth.
    assert_eq!(claims[0]["verdict"], "not_enough_data");
}
