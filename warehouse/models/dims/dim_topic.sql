-- One row per topic of the taxonomy (sources/reference/topics.csv); parent_topic_id rolls a topic up to its group.
SELECT t.topic_id,
       t.name,
       t.parent AS parent_topic_id,
       t.description,
       count(DISTINCT s.release_id) AS release_count
FROM ref_topic AS t
LEFT JOIN stg_topic AS s ON s.topic_id = t.topic_id
GROUP BY ALL
ORDER BY t.topic_id
