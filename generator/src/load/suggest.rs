//! "Did you mean …?": the closest known word to a misspelled one.

/// The candidate closest to `word`, if it is close enough to be a likely misspelling: equal but
/// for case, or within an edit distance of about a third of its length (at least 1, at most 3,
/// so `requried`, `descripton` and `additionalProperty` all find their keyword, while `foo`
/// suggests nothing).
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lowered = word.to_ascii_lowercase();
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = edit_distance(&lowered, &candidate.to_ascii_lowercase());
            (distance, candidate)
        })
        .filter(|(distance, _)| *distance <= limit)
        // The first of equally close candidates wins: the tables list common keys first.
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbours each cost 1, so a swapped pair (`requried`) is one mistake, not two.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: the distance between a[..i] and b[..j]; only three rows are ever needed.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_count_a_swap_as_one_edit() {
        assert_eq!(edit_distance("requried", "required"), 1);
        assert_eq!(edit_distance("descripton", "description"), 1);
        assert_eq!(
            edit_distance("additionalProperty", "additionalProperties"),
            3
        );
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }

    #[test]
    fn the_closest_keyword_is_suggested() {
        let keys = [
            "required",
            "properties",
            "additionalProperties",
            "description",
        ];
        assert_eq!(closest("requried", keys), Some("required"));
        assert_eq!(closest("descripton", keys), Some("description"));
        assert_eq!(
            closest("additionalProperty", keys),
            Some("additionalProperties")
        );
        assert_eq!(closest("Required", keys), Some("required"));
        assert_eq!(closest("foo", keys), None);
        assert_eq!(
            closest("integr", ["string", "integer", "number"]),
            Some("integer")
        );
    }
}
