"""Unit tests of the dictionary parser: python3 -m unittest tools/actors/test_build.py"""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build  # noqa: E402

# Invented persons in the dictionaries' format.
SAMPLE = """\
# a comment line
RURITANIA_  [RUR]
+RURITANIAN_

ANNA_KOVAC_  # CountryInfo.txt
+ANNA_K._KOVAC_
+PRESIDENT_KOVAC_
+KOVAC_
\t[RURELI 700101-990809]
\t[RURGOV 990809-080507]
\t[RURGOV >080508]
\t[RURELI]
TEO_BRASK_\t[IGOUNO 20070101-20111231] [FREGOV <061231]# IGOrulers.txt
ROYAL_PALACE_ [RURGOV]
"""


class ParserTest(unittest.TestCase):
    def test_blocks_names_and_codes(self):
        blocks = build.parse_blocks(SAMPLE, "test")
        self.assertEqual([b.names[0] for b in blocks],
                         ["RURITANIA_", "ANNA_KOVAC_", "TEO_BRASK_", "ROYAL_PALACE_"])
        kovac = blocks[1]
        self.assertEqual(kovac.names[1:], ["ANNA_K._KOVAC_", "PRESIDENT_KOVAC_", "KOVAC_"])
        self.assertEqual(kovac.codes[0], ("RURELI", "700101-990809"))
        self.assertEqual(kovac.codes[-1], ("RURELI", ""))
        self.assertIn("IGOrulers", blocks[2].comment)

    def test_date_ranges(self):
        self.assertEqual(build.parse_dates("700101-990809"), ("1970-01-01", "1999-08-09"))
        self.assertEqual(build.parse_dates(">080508"), ("2008-05-08", ""))
        self.assertEqual(build.parse_dates("<061231"), ("", "2006-12-31"))
        self.assertEqual(build.parse_dates(""), ("", ""))
        self.assertEqual(build.parse_dates("20070101-20111231"), ("2007-01-01", "2011-12-31"))
        # Two-digit years up to 15 are this century, later ones the last.
        self.assertEqual(build.parse_date("150101"), "2015-01-01")
        self.assertEqual(build.parse_date("180101"), "1918-01-01")
        # Malformed: seven digits, no such day, a range that ends before it starts.
        self.assertIsNone(build.parse_dates("2004017-20061201"))
        self.assertIsNone(build.parse_dates("990230-000101"))
        self.assertIsNone(build.parse_dates("090101-080101"))

    def test_codes_and_keys(self):
        iso3 = {"RUR", "FRE"}
        self.assertEqual(build.split_code("RURGOV", iso3), ("RUR", "GOV"))
        self.assertEqual(build.split_code("RURGOVMIL", iso3), ("RUR", "GOV"))
        self.assertEqual(build.split_code("IGOUNO", iso3), ("", "IGO"))
        self.assertIsNone(build.split_code("---", iso3))
        self.assertEqual(build.name_key("ANNA_K._KOVAC_"), "anna k kovac")
        self.assertEqual(build.name_key("BAN_KI-MOON"), "ban ki-moon")
        self.assertIsNone(build.name_key("PRESIDENT_KOVAC_"))
        blocks = build.parse_blocks(SAMPLE, "test")
        self.assertEqual([build.is_person(b, iso3) for b in blocks], [False, True, True, False])


if __name__ == "__main__":
    unittest.main()
