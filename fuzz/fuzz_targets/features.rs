//! The text form of story features, which the store keeps and a later run reads back (a
//! database edited or damaged by hand is untrusted): no panic; what reads back writes the
//! same text again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_cluster::{Features, Stories, StoryConfig};

fuzz_target!(|text: &str| {
    let Ok(features) = Features::from_text(text) else {
        return;
    };
    let written = features.to_text();
    let again = Features::from_text(&written).expect("readout's own text reads back");
    assert_eq!(again.to_text(), written);
    // The grouping takes whatever was read.
    let mut stories = Stories::new(StoryConfig::default());
    let first = stories.add("a", &features);
    assert_eq!(stories.assign("b", &again, first + 1), first + 1);
});
