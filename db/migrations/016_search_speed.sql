-- Search box speed (issue 3): the search ranks an exact name first, then names starting with
-- the term, so those two kinds of hit are read through btree indexes in name order
-- (`name LIKE 'term%'`, `ORDER BY name USING ~<~`) before the bigram phrase is consulted.
-- text_pattern_ops compares bytes, so prefix ranges use the index under any collation.
CREATE INDEX building_name_pattern_idx ON building (name text_pattern_ops);
CREATE INDEX organisation_name_pattern_idx ON organisation (name text_pattern_ops);
CREATE INDEX person_name_pattern_idx ON person (name text_pattern_ops);
