-- Search upkeep at the cost of its work, not of planning it. hongtu_bigrams was a SQL-language
-- function that PostgreSQL cannot inline (it reads from generate_series), so every call from a
-- row trigger planned its body afresh: at intake that was most of the matter row's write
-- (bench/README.md, matters). The same statement inside PL/pgSQL is planned once per session.
-- Same input, same vector: the body is unchanged.
CREATE OR REPLACE FUNCTION hongtu_bigrams(input text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  result tsvector;
BEGIN
  -- Each bigram keeps its position so a query can demand adjacency (a phrase).
  SELECT coalesce(string_agg(token || ':' || pos, ' '), '')::tsvector INTO result
  FROM (
    SELECT quote_literal(lower(substr(clean, i, least(2, length(clean))))) AS token, i AS pos
    FROM (SELECT left(regexp_replace(coalesce(input, ''), '[[:space:][:punct:]（）《》【】、，。：；“”‘’·—]+', '', 'g'), 4000) AS clean) c,
         generate_series(1, greatest(length(clean) - 1, 1)) AS i
    WHERE length(clean) > 0
  ) t;
  RETURN result;
END $$;
