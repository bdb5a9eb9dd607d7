-- Topics by publication month: per month and topic, how many releases and sentences touch it, and how many of
-- those rest on a confident match (low-confidence matches are counted, and counted apart).
SELECT date_trunc('month', r.published_date)::DATE AS month,
       t.topic_id,
       d.name AS topic,
       d.parent_topic_id,
       count(DISTINCT t.release_id) AS releases,
       count(DISTINCT t.release_id) FILTER (WHERE NOT t.is_low_confidence) AS confident_releases,
       count(*) AS sentences,
       count(*) FILTER (WHERE NOT t.is_low_confidence) AS confident_sentences
FROM fact_topic AS t
JOIN dim_release AS r USING (release_id)
JOIN dim_topic AS d USING (topic_id)
WHERE r.published_date IS NOT NULL
GROUP BY ALL
ORDER BY month, releases DESC, t.topic_id
