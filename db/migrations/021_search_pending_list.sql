-- Search speed (issue 3): a short GIN pending list on the registry's search indexes.
--
-- GIN's fast update queues new entries in an unsorted pending list (up to gin_pending_list_limit,
-- 4 MB by default) that every search reads in full, row by row, until a VACUUM — or an insert
-- that overflows the list — merges it into the index. The embedded PGlite never runs autovacuum,
-- and after an import or the demo seed the list holds thousands of rows: with 10,000 buildings
-- loaded, building_search_idx was nothing but its pending list (389 pages) and the planner read
-- the table instead; a search of 200,000 enterprises read ~200 pending pages on every request
-- even when nothing matched. 64 kB (the smallest limit) keeps what a search reads to a few pages
-- while inserts still merge in batches, not one by one (fastupdate = off would).
ALTER INDEX building_search_idx SET (gin_pending_list_limit = 64);
ALTER INDEX building_name_trgm_idx SET (gin_pending_list_limit = 64);
ALTER INDEX enterprise_search_idx SET (gin_pending_list_limit = 64);
ALTER INDEX person_search_idx SET (gin_pending_list_limit = 64);
ALTER INDEX person_name_trgm_idx SET (gin_pending_list_limit = 64);
ALTER INDEX organisation_name_trgm_idx SET (gin_pending_list_limit = 64);
ALTER INDEX region_name_trgm_idx SET (gin_pending_list_limit = 64);

-- What is queued now is merged once (an installation that has not been vacuumed since its import).
SELECT gin_clean_pending_list(i::regclass)
FROM unnest(ARRAY['building_search_idx', 'building_name_trgm_idx', 'enterprise_search_idx', 'person_search_idx',
                  'person_name_trgm_idx', 'organisation_name_trgm_idx', 'region_name_trgm_idx']) AS i;
