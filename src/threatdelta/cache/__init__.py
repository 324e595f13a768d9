"""A content-addressed on-disk cache: extraction results by (extractor version, blob id),
and any other pure result by the hash of its inputs. It changes speed, never results."""
