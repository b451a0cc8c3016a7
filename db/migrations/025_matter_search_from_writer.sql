-- MAT-1 intake at the cost of its own work: a matter's search vector (character bigrams of its
-- number, title and description) was built by a row trigger in PL/pgSQL at every insert, about a
-- fifth of the database's time per submitted matter (bench/README.md, matters). The intake already
-- holds the text and builds the same vector (src/domain/search/bigrams.ts, compared with
-- hongtu_bigrams() by a test on both backends); the trigger now fills only what a writer left empty,
-- and still follows every change of the title or description.
DROP TRIGGER matter_search_trg ON matter;
CREATE TRIGGER matter_search_insert_trg BEFORE INSERT ON matter
  FOR EACH ROW WHEN (NEW.search IS NULL) EXECUTE FUNCTION matter_search_update();
CREATE TRIGGER matter_search_update_trg BEFORE UPDATE OF title, description ON matter
  FOR EACH ROW EXECUTE FUNCTION matter_search_update();
