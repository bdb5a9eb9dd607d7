-- One row per sentence and topic: the sentence (span and text), the term that matched, the rule and its confidence.
-- A release's topics are its sentences' topics (count DISTINCT release_id); there are no release-level rows.
SELECT t.release_id,
       t.topic_id,
       t.char_start, t.char_end,
       substr(r.body_text, t.char_start + 1, t.char_end - t.char_start) AS text,
       t.matched_term, t.term_start, t.term_end,
       t.rule, t.confidence,
       is_low_confidence(t.confidence) AS is_low_confidence
FROM stg_topic AS t
JOIN stg_release AS r USING (release_id)
ORDER BY t.release_id, t.char_start, t.topic_id
