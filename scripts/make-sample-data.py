#!/usr/bin/env python3
"""Generate Midst's sample data: SampleData/staff.csv, needs.csv and outcomes.csv.

Python 3 standard library only; a fixed random seed makes the output byte-identical on every run.
The files follow docs/FORMATS.md exactly and use only codes from the reference files written by
scripts/make-reference-data.py (Sources/MidstStore/Resources/reference/), which must exist.

Everything here is FICTITIOUS. People, e-mail addresses (domain nhs.example) and partnerships are
invented; host institutions and NHS employers are real organisations, named only to look realistic.
Nationality mix loosely follows NHS workforce statistics (majority British; then Indian, Filipino,
Irish, Nigerian, Zimbabwean ...), over-sampling the countries where Health Partnerships work.

Usage: python3 scripts/make-sample-data.py [--out DIR]
"""

import argparse
import csv
import datetime as dt
import os
import random
import sys
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF = os.path.join(REPO, "Sources", "MidstStore", "Resources", "reference")
DEFAULT_OUT = os.path.join(REPO, "SampleData")
SEED = 20260101
EMAIL_DOMAIN = "nhs.example"

STAFF_COLUMNS = ["id", "name", "email", "profession", "specialties", "skills", "seniority", "countries",
                 "languages", "available_from", "available_to", "modes", "max_assignments",
                 "consent", "employer", "placements", "updated_at"]
NEED_COLUMNS = ["id", "partnership", "host_institution", "site", "country", "profession", "specialty",
                "skills", "partner", "min_score", "require_specialty",
                "min_seniority", "required_languages", "preferred_languages", "start", "end",
                "mode", "slots", "priority", "status", "description", "updated_at"]
OUTCOME_COLUMNS = ["need_id", "staff_id", "outcome", "date"]

PROFESSION_TARGET = {"nurse": 105, "doctor": 75, "midwife": 30, "allied_health": 60,
                     "pharmacist": 11, "healthcare_scientist": 12, "management": 7}
N_STAFF = sum(PROFESSION_TARGET.values())  # 300
N_NO_CONSENT = 24                           # 8 %


# --------------------------------------------------------------------------------------------
# Reference data

def read_ref(name):
    with open(os.path.join(REF, name), encoding="utf-8", newline="") as f:
        lines = [l for l in f if not l.startswith("#")]
    return list(csv.DictReader(lines))


COUNTRIES = {r["alpha2"] for r in read_ref("countries.csv")}
LANGUAGES = {r["code"] for r in read_ref("languages.csv")}
V2_ROWS = read_ref("specialties.csv")
V2 = {r["code"]: r for r in V2_ROWS}

# The sample's people are drawn from the taxonomy as it was before skills had a branch of their
# own (v1): drawing from that view keeps every person, and so the examples of the README and the
# tests, the same. What is written uses today's codes (to_v2): a v1 code that became a skill goes
# to the `skills` column under its new code.
V1_RENAMED = {"education": "health_education", "leadership_management": "healthcare_management",
              "simulation": "simulation_education", "digital_health": "health_informatics"}
V1_PLACE = {  # v1 code of a skill: (parent, profession, level) in v1
    "healthcare_management": ("management", "management", "specialty"),
    "health_education": ("management", "management", "specialty"),
    "medical_education": ("health_education", "management", "subspecialty"),
    "nursing_education": ("health_education", "management", "subspecialty"),
    "midwifery_education": ("health_education", "management", "subspecialty"),
    "simulation_education": ("health_education", "management", "subspecialty"),
    "quality_improvement": ("management", "management", "specialty"),
    "patient_safety": ("quality_improvement", "management", "subspecialty"),
    "health_informatics": ("management", "management", "specialty"),
    "infection_prevention_control": ("nurse", "nurse", "specialty"),
    "antimicrobial_stewardship": ("pharmacy", "pharmacist", "subspecialty"),
}
ADDED_IN_V2 = {
    "stroke_medicine", "vascular_surgery", "upper_gastrointestinal_surgery", "hand_surgery",
    "congenital_cardiac_surgery", "paediatric_palliative_medicine", "perinatal_psychiatry",
    "medical_virology", "nursing_endoscopy", "nursing_anaesthesia", "nursing_palliative_care",
    "nursing_ophthalmic", "general_practice_nursing", "sonography", "optometry",
    "dispensing_optics", "arts_therapy", "hearing_aid_dispensing", "anaesthesia_associate",
    "physician_associate", "research",
}
V1_PROFESSIONS = ["doctor", "nurse", "midwife", "allied_health", "pharmacist",
                  "healthcare_scientist", "management"]


def v1_rows():
    rows = []
    for r in V2_ROWS:
        if r["code"] in ADDED_IN_V2:
            continue
        if r["level"] == "skill":
            code = V1_RENAMED.get(r["code"], r["code"])
            parent, profession, level = V1_PLACE[code]
            rows.append({"code": code, "parent": parent, "profession": profession, "level": level})
        else:
            rows.append(r)
    order = {p: i for i, p in enumerate(V1_PROFESSIONS)}
    lvl = {"profession": 0, "specialty": 1, "subspecialty": 2}
    return sorted(rows, key=lambda r: (order[r["profession"]], lvl[r["level"]], r["parent"], r["code"]))


SPEC_ROWS = v1_rows()
SPEC = {r["code"]: r for r in SPEC_ROWS}
TO_V2 = {old: new for new, old in V1_RENAMED.items()}


def to_v2(code):
    return TO_V2.get(code, code)


def is_skill(code):
    """Whether a v1 code is a skill today."""
    return V2[to_v2(code)]["level"] == "skill"


def specs_of(profession, with_root=False):
    return [r["code"] for r in SPEC_ROWS
            if r["profession"] == profession and (with_root or r["level"] != "profession")]


# --------------------------------------------------------------------------------------------
# Origins: where staff come from, their names and languages
#
# Language spec: "code:LEVEL|LEVEL@p" - levels chosen uniformly, present with probability p.

def G(weight, given, family, langs):
    return {"w": weight, "given": given.split(","), "family": family.split(","), "langs": langs}


EN_AFR = "en:C2|C2|C1"     # English-medium schooling and training
EN_ASIA = "en:C1|C1|C2"
EN_EU = "en:C1|C1|C2|B2"

PROF_W = {
    "gb": {"nurse": 3, "doctor": 2, "midwife": 1, "allied_health": 2.5, "pharmacist": 0.5,
           "healthcare_scientist": 0.5, "management": 0.5},
    "nurse_heavy": {"nurse": 8, "allied_health": 1.2, "midwife": 0.4, "doctor": 0.3,
                    "healthcare_scientist": 0.5, "pharmacist": 0.2},
    "india": {"nurse": 5, "doctor": 3, "allied_health": 1, "pharmacist": 0.5,
              "healthcare_scientist": 0.7, "midwife": 0.3, "management": 0.1},
    "africa_en": {"nurse": 3, "doctor": 2.5, "midwife": 1.5, "allied_health": 1,
                  "healthcare_scientist": 0.7, "pharmacist": 0.7},
    "doctor_heavy": {"doctor": 6, "pharmacist": 1, "nurse": 0.5, "allied_health": 0.3},
    "horn": {"doctor": 3, "nurse": 2, "midwife": 1.5, "pharmacist": 0.5,
             "healthcare_scientist": 0.5},
    "europe": {"nurse": 3, "doctor": 1.5, "allied_health": 2, "midwife": 0.7,
               "healthcare_scientist": 0.5},
}

# kind: intl (non-British national), heritage (British-born, heritage tie), worked (British who
# worked abroad), gb (British). trained_alt: (country, probability) trained elsewhere.
ORIGINS = [
    dict(key="IN", cc="IN", kind="intl", n=22, prof="india",
         worked=[("SA", .2), ("AE", .15), ("OM", .08), ("QA", .05)],
         groups=[G(5, "Anju,Jincy,Bincy,Sreeja,Divya,Jobin,Shiny,Reshma,Anoop,Arun,Tintu,Neethu,Sijo,Aswathy",
                   "Thomas,Joseph,Mathew,Varghese,Kurian,Nair,Pillai,Menon,George,Jacob",
                   ["ml:native", "hi:A2|B1@0.6", EN_ASIA]),
                 G(2, "Karthik,Priya,Lakshmi,Senthil,Vignesh,Kavitha,Meena,Arvind",
                   "Subramanian,Raman,Krishnan,Rajendran,Natarajan,Sundaram",
                   ["ta:native", "hi:A2|B1@0.5", EN_ASIA]),
                 G(2, "Rahul,Pooja,Amit,Neha,Vikram,Anjali,Rohit,Shweta,Sanjay,Priyanka",
                   "Sharma,Gupta,Verma,Singh,Mishra,Agarwal,Tiwari,Yadav",
                   ["hi:native", "ur:B1@0.2", EN_ASIA]),
                 G(1, "Srinivas,Lakshmi,Ravi,Swathi,Kiran,Sravani", "Reddy,Rao,Naidu,Chowdary,Varma",
                   ["te:native", "hi:B2|C1@0.8", EN_ASIA]),
                 G(1, "Harpreet,Gurpreet,Manpreet,Jaspreet,Simran,Amandeep", "Gill,Sandhu,Dhillon,Grewal,Sidhu",
                   ["pa:native", "hi:C1|C2", EN_ASIA]),
                 G(1, "Arnab,Moumita,Sourav,Ananya,Debjani,Subhajit", "Chatterjee,Banerjee,Das,Mukherjee,Ghosh,Bose",
                   ["bn:native", "hi:B2|C1", EN_ASIA]),
                 G(1, "Nirav,Hetal,Jigar,Krupa,Dhruv,Foram", "Patel,Shah,Desai,Mehta,Joshi",
                   ["gu:native", "hi:C1|C2", EN_ASIA])]),
    dict(key="PH", cc="PH", kind="intl", n=17, prof="nurse_heavy",
         worked=[("SA", .3), ("AE", .15), ("SG", .1), ("QA", .05)],
         groups=[G(3, "Maria Cristina,Jericho,Joy,Mark Anthony,Rowena,Jomar,Liezl,Arnel,Kristine,Rhea,Jonathan,Mary Grace",
                   "Santos,Dela Cruz,Reyes,Bautista,Garcia,Mendoza,Villanueva,Ramos,Aquino,Castillo,Navarro,Soriano",
                   ["fil:native", EN_ASIA]),
                 G(1, "Cherry Mae,Rodel,Janine,Ramil,Grace Ann", "Cabahug,Pepito,Tumulak,Alcantara,Villaflor",
                   ["ceb:native", "fil:C1|C2", EN_ASIA]),
                 G(0.6, "Arnold,Jovelyn,Rachelle,Edgar", "Agcaoili,Pascua,Ramirez,Bumanglag",
                   ["ilo:native", "fil:C1|C2", EN_ASIA])]),
    dict(key="IE", cc="IE", kind="intl", n=7, prof="europe", worked=[("AU", .3), ("NZ", .1)],
         special=[("Siobhán", "O'Brien", ""), ("Pádraig", "Ó Súilleabháin", "")],
         groups=[G(1, "Aoife,Ciarán,Niamh,Sinéad,Eoin,Orla,Cian,Gráinne",
                   "Murphy,Kelly,Walsh,Byrne,Ryan,O'Connor,McCarthy,Doyle",
                   ["en:native", "ga:A2|B1|B2|C1@0.6", "fr:B1@0.2"])]),
    dict(key="NG", cc="NG", kind="intl", n=11, prof="africa_en", worked=[("SA", .1), ("GH", .05)],
         groups=[G(2, "Oluwaseun,Adebayo,Folake,Temitope,Olumide,Funmilayo,Babatunde,Yetunde,Adewale,Omolara",
                   "Adeyemi,Ogunleye,Adebisi,Oladipo,Balogun,Akinola,Ogundele,Afolabi",
                   ["yo:native", "pcm:B2|C1@0.4", EN_AFR]),
                 G(2, "Chinedu,Ngozi,Chiamaka,Emeka,Obinna,Adaeze,Ifeoma,Uchenna,Nkechi,Chukwuemeka",
                   "Okafor,Eze,Nwosu,Okonkwo,Obi,Uzoma,Chukwu,Ibe",
                   ["ig:native", "pcm:B2|C1@0.4", "yo:A2|B1@0.2", EN_AFR]),
                 G(1, "Aminu,Zainab,Abubakar,Hauwa,Ibrahim,Aisha,Sani,Usman,Maryam",
                   "Bello,Musa,Abdullahi,Garba,Sule,Danjuma,Yakubu,Lawal",
                   ["ha:native", "ar:A2|B1@0.4", EN_AFR])]),
    dict(key="ZW", cc="ZW", kind="intl", n=8, prof="africa_en", worked=[("ZA", .3), ("BW", .1)],
         groups=[G(3, "Tendai,Rutendo,Tatenda,Farai,Chipo,Tinashe,Nyasha,Kudzai,Rumbidzai,Tafadzwa",
                   "Moyo,Chikwanha,Mutasa,Chiweshe,Mapfumo,Marufu,Gumbo,Zvobgo",
                   ["sn:native", EN_AFR]),
                 G(1, "Thandiwe,Nkosana,Sibongile,Mandla,Nomvula,Sipho",
                   "Ncube,Sibanda,Dube,Ndlovu,Nkomo,Mpofu",
                   ["nd:native", "sn:B1|B2@0.6", EN_AFR])]),
    dict(key="GH", cc="GH", kind="intl", n=5, prof="africa_en", worked=[("NG", .05)],
         groups=[G(3, "Kwame,Akosua,Kofi,Ama,Yaw,Abena,Kwabena,Efua,Kojo,Adwoa",
                   "Mensah,Boateng,Asante,Owusu,Osei,Appiah,Agyeman,Darko", ["ak:native", EN_AFR]),
                 G(1, "Selorm,Elikem,Dzifa,Edem,Senam", "Agbeko,Kpodo,Amegashie,Dzokoto,Gbeho",
                   ["ee:native", "ak:B2|C1", EN_AFR])]),
    dict(key="PK", cc="PK", kind="intl", n=5, prof="doctor_heavy", worked=[("SA", .2)],
         groups=[G(3, "Ayesha,Usman,Fatima,Bilal,Hira,Ali,Sana,Imran,Maryam,Hamza",
                   "Malik,Butt,Qureshi,Chaudhry,Iqbal,Sheikh,Raza",
                   ["pa:native", "ur:C1|C2|native", EN_ASIA]),
                 G(1, "Zarmina,Asad,Gul,Shahid", "Khan,Yousafzai,Afridi,Khattak",
                   ["ps:native", "ur:C1|C2", EN_ASIA])]),
    dict(key="PL", cc="PL", kind="intl", n=4, prof="europe",
         groups=[G(1, "Katarzyna,Piotr,Agnieszka,Tomasz,Małgorzata,Michał,Magdalena,Paweł",
                   "Nowak,Wójcik,Kowalczyk,Woźniak,Mazur,Krawczyk,Kaczmarek,Zając",
                   ["pl:native", "de:B1@0.2", EN_EU])]),
    dict(key="PT", cc="PT", kind="intl", n=4, prof="europe",
         groups=[G(1, "João,Inês,Tiago,Beatriz,Ana Rita,Rui,Catarina,Gonçalo",
                   "Gonçalves,Ferreira,Santos,Costa,Pereira,Rodrigues,Martins,Sousa",
                   ["pt:native", "es:B1|B2@0.5", "fr:B1@0.2", EN_EU])]),
    dict(key="ES", cc="ES", kind="intl", n=4, prof="europe",
         groups=[G(3, "María José,Javier,Lucía,Pablo,Carmen,Álvaro,Nuria,Sergio",
                   "García,Fernández,Martín,Núñez,López,Sánchez,Jiménez,Ruiz",
                   ["es:native", "fr:B1@0.2", EN_EU]),
                 G(1, "Jordi,Montserrat,Marc,Laia", "Puig,Ferrer,Vidal,Soler",
                   ["ca:native", "es:native", EN_EU])]),
    dict(key="IT", cc="IT", kind="intl", n=2, prof="europe",
         groups=[G(1, "Giulia,Marco,Francesca,Luca", "Rossi,Esposito,Romano,Bianchi",
                   ["it:native", EN_EU])]),
    dict(key="RO", cc="RO", kind="intl", n=2, prof="europe",
         groups=[G(1, "Andreea,Mihai,Ioana,Alexandru", "Popescu,Ionescu,Dumitru,Stan",
                   ["ro:native", EN_EU])]),
    dict(key="GR", cc="GR", kind="intl", n=2, prof="europe",
         special=[("Eleni", "Papadopoulou", ""), ("Giorgos", "Nikolaidis", "")],
         groups=[G(1, "Dimitris", "Georgiou", ["el:native", EN_EU])]),
    dict(key="DE", cc="DE", kind="intl", n=1, prof="europe", special=[("Lena", "Müller", "")],
         groups=[G(1, "Lena", "Müller", ["de:native", "fr:B1@0.5", EN_EU])]),
    dict(key="VN", cc="VN", kind="intl", n=1, prof="nurse_heavy", family_first=True,
         special=[("Thị Lan", "Nguyễn", "")],
         groups=[G(1, "Thị Lan", "Nguyễn", ["vi:native", EN_ASIA])]),
    dict(key="KE", cc="KE", kind="intl", n=4, prof="africa_en", worked=[("UG", .1), ("SO", .05)],
         groups=[G(2, "Grace,Peter,Mercy,James,Faith,Dennis,Joyce,Kevin",
                   "Wanjiru,Kamau,Njoroge,Mwangi,Wambui,Kariuki", ["ki:native", "sw:C1|C2", EN_AFR]),
                 G(1, "Brian,Sharon,Collins,Diana", "Otieno,Ochieng,Achieng,Odhiambo",
                   ["luo:native", "sw:C1|C2", EN_AFR]),
                 G(1, "Caroline,Victor,Ruth,Moses", "Mutua,Wambua,Musyoka,Mwende",
                   ["kam:native", "sw:C1|C2", EN_AFR]),
                 G(1, "Gladys,Kipchumba,Chebet,Kiprono", "Kiprotich,Chebet,Kiptoo,Rotich",
                   ["kln:native", "sw:C1", EN_AFR])]),
    dict(key="UG", cc="UG", kind="intl", n=2, prof="africa_en",
         worked=[("KE", .15), ("RW", .1), ("SS", .1)],
         groups=[G(2, "Sarah,Brian,Grace,Joseph,Esther,Ivan,Patience,Allan,Juliet,Moses",
                   "Ssemakula,Nakato,Kato,Namukasa,Mukasa,Ssebunya,Kizza,Nalwoga,Lubega,Nsubuga",
                   ["lg:native", "sw:B1|B2@0.7", EN_AFR]),
                 G(1, "Agnes,Robert,Doreen,Julius", "Tumusiime,Atuhaire,Asiimwe,Byaruhanga",
                   ["nyn:native", "lg:B1|B2@0.5", "sw:B1@0.6", EN_AFR]),
                 G(1, "Lillian,Denis,Harriet,Geoffrey", "Okello,Akello,Ochola,Opio",
                   ["ach:native", "sw:B1@0.5", EN_AFR])]),
    dict(key="MW", cc="MW", kind="intl", n=3, prof="africa_en", worked=[("ZA", .1)],
         groups=[G(2, "Chikondi,Mphatso,Thokozani,Chisomo,Madalitso,Yamikani",
                   "Banda,Phiri,Mwale,Kachingwe,Chimwaza", ["ny:native", EN_AFR]),
                 G(1, "Tiwonge,Kondwani,Wezi,Lusungu", "Mhango,Chirwa,Kumwenda,Nyirenda,Gondwe",
                   ["tum:native", "ny:C1|C2", EN_AFR])]),
    dict(key="ZM", cc="ZM", kind="intl", n=3, prof="africa_en", worked=[("ZA", .1), ("BW", .05)],
         groups=[G(2, "Mwila,Bwalya,Chileshe,Mutale,Natasha,Kelvin", "Chanda,Musonda,Mulenga,Kapambwe,Mwansa",
                   ["bem:native", "ny:A2|B1@0.5", EN_AFR]),
                 G(1, "Mutinta,Choolwe,Namakau", "Hamoonga,Mweemba,Hachilala",
                   ["toi:native", "bem:B1@0.3", EN_AFR]),
                 G(1, "Kennedy,Ireen,Lungowe", "Mubita,Lubasi,Sitali",
                   ["loz:native", "ny:B1@0.4", EN_AFR])]),
    dict(key="TZ", cc="TZ", kind="intl", n=2, prof="africa_en",
         groups=[G(1, "Neema,Baraka,Rehema,Juma,Upendo,Emmanuel,Zawadi,Godfrey",
                   "Mushi,Mwakyusa,Massawe,Kimaro,Mwakalinga,Lyimo,Mrema", ["sw:native", EN_AFR])]),
    dict(key="ET", cc="ET", kind="intl", n=3, prof="horn",
         groups=[G(2, "Tsion,Abebe,Hiwot,Dawit,Meron,Yonas,Bethlehem,Kidist",
                   "Tesfaye,Girma,Alemu,Bekele,Haile,Mengistu,Tadesse",
                   ["am:native", "om:A2|B1@0.2", "en:C1|C2"]),
                 G(1, "Chaltu,Gemechis,Lensa,Tolosa,Obse", "Gudeta,Fayisa,Abdisa,Lemma,Tolera",
                   ["om:native", "am:C1|C2", "en:C1|C2"]),
                 G(1, "Selam,Haftom,Mulu,Freweini", "Gebremariam,Gebreyesus,Kahsay,Berhe",
                   ["ti:native", "am:C1|C2", "en:C1|C2"])]),
    dict(key="SL", cc="SL", kind="intl", n=3, prof="horn", trained_alt=("GH", .15),
         groups=[G(2, "Mohamed,Fatmata,Aminata,Abdul,Isatu,Ibrahim,Mariama,Alhaji",
                   "Kamara,Sesay,Bangura,Conteh,Kargbo,Turay", ["tem:native", "kri:native", EN_AFR]),
                 G(1, "Musu,Sahr,Jeneba,Foday", "Kallon,Lahai,Sandi,Momoh,Bockarie",
                   ["men:native", "kri:C1|C2|native", EN_AFR])]),
    dict(key="XS", cc="XS", kind="intl", n=2, prof="horn", trained_alt=("ET", .3),
         groups=[G(1, "Hodan,Abdirahman,Fadumo,Mohamed,Amina,Khadar,Sahra,Abdillahi",
                   "Jama,Yusuf,Warsame,Farah,Duale,Aden,Egal", ["so:native", "ar:B1|B2", "en:C1|C2"])]),
    dict(key="SO", cc="SO", kind="intl", n=1, prof="horn",
         groups=[G(1, "Hibo,Ahmed,Nasra", "Abdi,Hassan,Ismail", ["so:native", "ar:B1|B2", "en:C1"])]),
    dict(key="MM", cc="MM", kind="intl", n=3, prof="doctor_heavy", worked=[("TH", .3)],
         special=[("Aung Kyaw", "Moe", ""), ("Thandar", "Win", ""), ("Htet Htet", "Aung", "")],
         groups=[G(1, "Zaw Min,Su Myat,Kyaw Zin,Nilar", "Oo,Thwe,Htet,Soe", ["my:native", "en:C1|C2"])]),
    dict(key="SY", cc="SY", kind="intl", n=3, prof="doctor_heavy", worked=[("TR", .4), ("LB", .1)],
         groups=[G(3, "Rami,Lina,Omar,Noor,Yara,Khaled,Rana,Samer",
                   "Al-Hassan,Haddad,Al-Khatib,Hamwi,Darwish,Kassab",
                   ["ar:native", "tr:A2|B1@0.3", "fr:A2|B1@0.2", "en:C1|C2"]),
                 G(1, "Shivan,Rojin,Dilan", "Ibrahim,Hussein,Mustafa", ["ku:native", "ar:C2", "en:C1"])]),
    dict(key="EG", cc="EG", kind="intl", n=3, prof="doctor_heavy", worked=[("SA", .4), ("KW", .1)],
         groups=[G(1, "Ahmed,Mariam,Youssef,Nourhan,Mostafa,Salma,Karim,Dina",
                   "Mostafa,Hassan,Ibrahim,Saad,Abdelaziz,El-Sayed,Farouk,Mahmoud",
                   ["ar:native", "en:C1|C2"])]),
    dict(key="SD", cc="SD", kind="intl", n=3, prof="doctor_heavy", worked=[("SA", .4), ("QA", .1)],
         groups=[G(1, "Mohamed,Amna,Hiba,Tarig,Mohanad,Rayan,Sara,Elfatih",
                   "Osman,Elhassan,Abdelrahman,Elamin,Babiker,Elsheikh",
                   ["ar:native", "en:C1|C2"])]),
    dict(key="NP", cc="NP", kind="intl", n=3, prof="nurse_heavy", trained_alt=("IN", .3),
         groups=[G(2, "Sunita,Bikash,Anjali,Prakash,Sabina,Ramesh,Suman", "Shrestha,Thapa,Adhikari,Karki,Rai",
                   ["ne:native", "hi:B1|B2@0.6", "en:C1"]),
                 G(1, "Bimala,Dil,Sarita", "Gurung,Tamang,Magar", ["gvr:native@0.6", "ne:native", "en:C1"])]),
    # British-born staff with a heritage tie
    dict(key="GB-UG", cc="UG", kind="heritage", n=4, prof="gb",
         groups=[G(1, "Daniel,Rebecca,Joshua,Ruth,Samuel,Esther", "Ssempijja,Nalubega,Kiwanuka,Namutebi,Lwanga",
                   ["en:native", "lg:A2|B1|B2|C1@0.8"])]),
    dict(key="GB-NG", cc="NG", kind="heritage", n=5, prof="gb",
         groups=[G(1, "Tolu,David,Jessica,Femi,Ngozi,Michael", "Adeyemi,Okonkwo,Oyelaran,Eze,Balogun,Nwankwo",
                   ["en:native", "yo:A2|B1|B2@0.4", "ig:A2|B1@0.3"])]),
    dict(key="GB-GH", cc="GH", kind="heritage", n=3, prof="gb",
         groups=[G(1, "Akua,Nathan,Kojo,Abigail", "Mensah,Asamoah,Boakye,Frimpong",
                   ["en:native", "ak:A2|B1|B2|C1@0.7"])]),
    dict(key="GB-ZW", cc="ZW", kind="heritage", n=2, prof="gb",
         groups=[G(1, "Tanaka,Chloe,Munashe", "Moyo,Chinamasa,Sibanda", ["en:native", "sn:A2|B1@0.6"])]),
    dict(key="GB-XS", cc="XS", kind="heritage", n=3, prof="gb",
         groups=[G(1, "Ayan,Mohamed,Ikran,Hamza,Suad", "Ahmed,Ali,Omar,Nur,Ibrahim",
                   ["en:native", "so:B2|C1|native", "ar:A2|B1@0.6"])]),
    dict(key="GB-SO", cc="SO", kind="heritage", n=1, prof="gb",
         groups=[G(1, "Yasmin,Abdi", "Hussein,Osman", ["en:native", "so:B1|B2|C1"])]),
    dict(key="GB-IN", cc="IN", kind="heritage", n=4, prof="gb",
         groups=[G(1, "Priya,Rajan,Nikhil,Sonia,Amar", "Patel,Mistry,Sharma,Chauhan,Kaur",
                   ["en:native", "gu:A2|B1|B2@0.5", "hi:A2|B1@0.3"])]),
    dict(key="GB-PK", cc="PK", kind="heritage", n=3, prof="gb",
         groups=[G(1, "Aisha,Zain,Sadia,Haroon", "Hussain,Akhtar,Mahmood,Rashid",
                   ["en:native", "ur:B1|B2|C1@0.7", "pa:A2|B1|B2@0.5"])]),
    dict(key="GB-BD", cc="BD", kind="heritage", n=2, prof="gb",
         groups=[G(1, "Shamima,Jamal,Tahmina,Rezaul", "Begum,Rahman,Uddin,Miah,Chowdhury",
                   ["en:native", "syl:B2|C1|native", "bn:A2|B1@0.5"])]),
    dict(key="GB-SL", cc="SL", kind="heritage", n=2, prof="gb",
         groups=[G(1, "Mariatu,Samuel,Hawa", "Kamara,Koroma,Jalloh", ["en:native", "kri:B1|B2|C1@0.8"])]),
    # British staff who worked abroad (VSO, electives, out-of-programme experience)
    dict(key="GB-worked", cc="GB", kind="worked", n=15, prof="gb",
         groups=[G(1, "Hannah,Tom,Rachel,Alastair,Kirsty,Ben,Rosie,Will,Harriet,Matthew",
                   "Clarke,Fletcher,Holmes,Barker,Webb,Marsh,Lloyd,Ellis,Chapman,Parry",
                   ["en:native", "fr:A2|B1@0.3"])]),
    # British (remainder of the 300)
    dict(key="GB", cc="GB", kind="gb", n=None, prof="gb",
         special=[("Zoë", "Thompson", ""), ("Margaret", "Hughes", "MBE")],
         groups=[G(6, "Oliver,Emma,James,Charlotte,Thomas,Sophie,Daniel,Hannah,Matthew,Lucy,Rebecca,Samuel,"
                      "Laura,Jack,Eleanor,Rachel,Andrew,Claire,Mark,Helen,Joanne,Amy,Katie,Ruth,Peter,Nicola,George,Megan",
                   "Smith,Jones,Taylor,Brown,Wilson,Johnson,Robinson,Wright,Thompson,Walker,White,Roberts,"
                   "Green,Hall,Wood,Jackson,Clarke,Hughes,Edwards,Turner,Cooper,Harris,Baker,Collins,Bennett",
                   ["en:native", "fr:A2|B1|B2@0.2", "es:A2|B1|B2@0.1", "de:B1@0.05"]),
                 G(1, "Rhian,Gareth,Bethan,Dylan,Cerys,Owain", "Jones,Davies,Evans,Griffiths,Pritchard,Llewellyn",
                   ["en:native", "cy:native|C1|B2@0.7"]),
                 G(1, "Iain,Catriona,Fiona,Alistair,Morag,Callum", "MacLeod,Campbell,Stewart,Murray,Fraser,MacDonald",
                   ["en:native", "gd:B1|B2@0.1", "fr:B1@0.15"]),
                 G(0.6, "Ciara,Conor,Aoibheann,Declan", "Patterson,McAllister,Quinn,Magee",
                   ["en:native", "ga:A2|B1@0.2"])]),
]

WORKED_ABROAD = ["MW", "UG", "ZM", "TZ", "KE", "SL", "GH", "ET", "NP", "MM", "XS", "GM", "CD", "ZW"]
WORKED_LANG = {"MW": "ny", "UG": "lg", "TZ": "sw", "KE": "sw", "ZM": "bem", "SL": "kri", "GH": "ak",
               "ET": "am", "NP": "ne", "MM": "my", "XS": "so", "GM": "man", "CD": "fr", "ZW": "sn"}

# --------------------------------------------------------------------------------------------
# Specialties, seniority, employers

SPEC_W = {
    "doctor": dict(paediatrics=6, neonatal_medicine=3, general_medicine=5, cardiology=2,
                   respiratory_medicine=2, gastroenterology=2, infectious_diseases=2,
                   tropical_medicine=1, genitourinary_medicine=1, geriatric_medicine=3,
                   endocrinology_diabetes=2, acute_internal_medicine=2, general_surgery=4,
                   trauma_orthopaedics=4, urology=1.5, obstetrics_gynaecology=5,
                   maternal_fetal_medicine=1, ophthalmology=2, paediatric_ophthalmology=0.7,
                   anaesthesia=6, intensive_care_medicine=3, obstetric_anaesthesia=1,
                   emergency_medicine=5, psychiatry=4, child_adolescent_psychiatry=1.5,
                   old_age_psychiatry=1, public_health=1.5, general_practice=5,
                   medical_microbiology=1.5, haematology=1.5, histopathology=1, radiology=2,
                   palliative_medicine=1, clinical_oncology=1, medical_oncology=1,
                   paediatric_emergency_medicine=1, paediatric_infectious_diseases=0.8),
    "nurse": dict(nursing_adult=10, nursing_critical_care=5, nursing_theatre=5, nursing_emergency=4,
                  nursing_oncology=2, nursing_children=5, nursing_neonatal=4,
                  nursing_paediatric_critical_care=1.5, nursing_mental_health=7,
                  nursing_learning_disability=1.5, community_nursing=2, district_nursing=2,
                  health_visiting=1.5, infection_prevention_control=2),
    "midwife": dict(midwifery=6, community_midwifery=3, intrapartum_midwifery=4,
                    perinatal_mental_health_midwifery=1),
    "allied_health": dict(physiotherapy=5, musculoskeletal_physiotherapy=3,
                          respiratory_physiotherapy=2, paediatric_physiotherapy=1,
                          occupational_therapy=6, radiography=1, diagnostic_radiography=5,
                          therapeutic_radiography=2, paramedic_science=5, dietetics=3,
                          speech_language_therapy=3, orthoptics=1, prosthetics_orthotics=1.5,
                          podiatry=2, operating_department_practice=3, practitioner_psychology=1,
                          clinical_psychology=3),
    "healthcare_scientist": dict(biomedical_science=4, lab_microbiology=2, lab_haematology=2,
                                 lab_transfusion=1.5, lab_clinical_chemistry=2,
                                 lab_cellular_pathology=1.5, clinical_science=0.5,
                                 medical_physics=1, clinical_engineering=1.5,
                                 physiological_science=0.5, cardiac_physiology=1.5, audiology=1),
    "pharmacist": dict(pharmacy=2, clinical_pharmacy=5, antimicrobial_stewardship=3,
                       paediatric_pharmacy=1.5, oncology_pharmacy=1.5, medicines_supply_chain=1),
    "management": dict(healthcare_management=3, health_education=1, medical_education=1.5,
                       nursing_education=2, midwifery_education=1, simulation_education=1,
                       quality_improvement=2, patient_safety=1.5, health_informatics=1.5),
}
EXTRA_MGMT = {"doctor": ["medical_education", "quality_improvement", "simulation_education",
                         "healthcare_management"],
              "nurse": ["nursing_education", "quality_improvement", "patient_safety"],
              "midwife": ["midwifery_education", "quality_improvement"],
              "allied_health": ["health_education", "quality_improvement"],
              "pharmacist": ["quality_improvement", "patient_safety"],
              "healthcare_scientist": ["quality_improvement", "health_informatics"]}

DOCTOR_GRADES = [("FY2", 4), ("CT1", 2), ("CT2", 3), ("CT3", 2), ("ST1", 1), ("ST2", 2),
                 ("ST3", 4), ("ST4", 5), ("ST5", 4), ("ST6", 4), ("ST7", 3), ("ST8", 1),
                 ("StR", 2), ("specialty-doctor", 10), ("SAS", 2), ("associate-specialist", 3),
                 ("specialist", 2), ("consultant", 20), ("3", 1), ("4", 1)]
AFC_BANDS = [("band5", 18), ("band6", 30), ("band7", 24), ("band8a", 11), ("band8b", 5),
             ("band8c", 2), ("band8d", 1), ("band9", 1), ("band 7", 2), ("AfC 6", 2), ("8a", 1),
             ("2", 1)]
MGMT_BANDS = [("band7", 2), ("band8a", 4), ("band8b", 3), ("band8c", 2), ("band8d", 1),
              ("band9", 1)]

ACUTE_ENGLAND = [
    "Cambridge University Hospitals NHS Foundation Trust", "Guy's and St Thomas' NHS Foundation Trust",
    "Manchester University NHS Foundation Trust", "Leeds Teaching Hospitals NHS Trust",
    "University Hospitals Birmingham NHS Foundation Trust", "Barts Health NHS Trust",
    "Oxford University Hospitals NHS Foundation Trust", "Sheffield Teaching Hospitals NHS Foundation Trust",
    "The Newcastle upon Tyne Hospitals NHS Foundation Trust", "Liverpool University Hospitals NHS Foundation Trust",
    "King's College Hospital NHS Foundation Trust", "University Hospitals Bristol and Weston NHS Foundation Trust",
    "Nottingham University Hospitals NHS Trust", "Imperial College Healthcare NHS Trust",
    "University Hospitals of Leicester NHS Trust", "Royal Cornwall Hospitals NHS Trust",
    "Brighton and Sussex University Hospitals NHS Trust", "Norfolk and Norwich University Hospitals NHS Foundation Trust",
    "East Kent Hospitals University NHS Foundation Trust", "Frimley Health NHS Foundation Trust",
]
CHILDREN = ["Great Ormond Street Hospital for Children NHS Foundation Trust",
            "Alder Hey Children's NHS Foundation Trust",
            "Birmingham Women's and Children's NHS Foundation Trust",
            "Sheffield Children's NHS Foundation Trust"]
MENTAL = ["South London and Maudsley NHS Foundation Trust", "Oxford Health NHS Foundation Trust",
          "Greater Manchester Mental Health NHS Foundation Trust",
          "Leeds and York Partnership NHS Foundation Trust",
          "Tees, Esk and Wear Valleys NHS Foundation Trust"]
AMBULANCE = ["London Ambulance Service NHS Trust", "North West Ambulance Service NHS Trust",
             "Yorkshire Ambulance Service NHS Trust"]
COMMUNITY = ["Central London Community Healthcare NHS Trust",
             "Bridgewater Community Healthcare NHS Foundation Trust", "Solent NHS Trust"]
ICB = ["NHS Birmingham and Solihull Integrated Care Board", "NHS North East London Integrated Care Board",
       "NHS West Yorkshire Integrated Care Board"]
WALES = ["Cardiff and Vale University Health Board", "Swansea Bay University Health Board",
         "Betsi Cadwaladr University Health Board"]
SCOTLAND = ["NHS Greater Glasgow and Clyde", "NHS Lothian", "NHS Grampian", "NHS Highland"]
NI = ["Belfast Health and Social Care Trust", "Western Health and Social Care Trust"]
EYE = ["Moorfields Eye Hospital NHS Foundation Trust"]
ORTHO = ["Royal National Orthopaedic Hospital NHS Trust",
         "The Robert Jones and Agnes Hunt Orthopaedic Hospital NHS Foundation Trust"]

CHILD_SPECS = {"paediatrics", "neonatal_medicine", "paediatric_emergency_medicine",
               "paediatric_infectious_diseases", "nursing_children", "nursing_neonatal",
               "nursing_paediatric_critical_care", "paediatric_physiotherapy", "paediatric_pharmacy"}
MENTAL_SPECS = {"psychiatry", "child_adolescent_psychiatry", "old_age_psychiatry",
                "nursing_mental_health", "nursing_learning_disability", "clinical_psychology",
                "practitioner_psychology"}
COMMUNITY_SPECS = {"community_nursing", "district_nursing", "health_visiting", "podiatry"}


# --------------------------------------------------------------------------------------------

def wchoice(rng, pairs):
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(items, weights=weights, k=1)[0]


def parse_langs(rng, specs):
    out = []
    seen = set()
    for s in specs:
        prob = 1.0
        if "@" in s:
            s, p = s.split("@")
            prob = float(p)
        code, levels = s.split(":")
        if rng.random() >= prob or code in seen:
            continue
        seen.add(code)
        out.append((code, rng.choice(levels.split("|"))))
    return out


def ascii_fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("đ", "d").replace("Đ", "D").replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in s.lower() if c.isalnum() or c in " -")


EMAILS = set()


def make_email(given, family):
    g = ascii_fold(given).replace(" ", "").replace("-", "")
    f = ascii_fold(family).replace(" ", "").replace("-", "")
    base = f"{g}.{f}"
    e, n = base, 1
    while e in EMAILS:
        n += 1
        e = f"{base}{n}"
    EMAILS.add(e)
    return f"{e}@{EMAIL_DOMAIN}"


def display_name(given, family, suffix, family_first=False):
    name = f"{family} {given}" if family_first else f"{given} {family}"
    return f"{name}, {suffix}" if suffix else name


RELATED = {
    "emergency_medicine": ["acute_internal_medicine", "intensive_care_medicine"],
    "acute_internal_medicine": ["emergency_medicine", "intensive_care_medicine"],
    "infectious_diseases": ["medical_microbiology", "tropical_medicine"],
    "medical_microbiology": ["infectious_diseases"],
    "general_practice": ["public_health", "palliative_medicine", "sexual_reproductive_health"],
    "public_health": ["infectious_diseases", "general_practice"],
    "paediatrics": ["paediatric_surgery"],
    "obstetrics_gynaecology": ["obstetric_anaesthesia"],
    "clinical_oncology": ["medical_oncology", "palliative_medicine"],
    "nursing_adult": ["infection_prevention_control", "community_nursing"],
    "nursing_children": ["community_nursing"],
    "midwifery": [],
    "physiotherapy": ["occupational_therapy"],
    "occupational_therapy": ["physiotherapy"],
    "biomedical_science": ["physiological_science"],
}


def family(code):
    r = SPEC[code]
    return r["parent"] if r["level"] == "subspecialty" else code


def pick_specialties(rng, profession, primary=None):
    w = SPEC_W[profession]
    codes = specs_of(profession)
    if primary is None:
        primary = wchoice(rng, [(c, w.get(c, 0.4)) for c in codes])
    out = [primary]
    parent = SPEC[primary]["parent"]
    if SPEC[primary]["level"] == "subspecialty" and rng.random() < 0.7:
        out.append(parent)
    if rng.random() < 0.25:
        # a second specialty from the same family (the specialty and its sub-specialties), or a
        # commonly combined one for doctors
        fam = family(primary)
        others = [c for c in codes if family(c) == fam and c not in out]
        others += [c for c in RELATED.get(primary, []) + RELATED.get(fam, []) if c not in out]
        if others:
            out.append(wchoice(rng, [(c, w.get(c, 0.4)) for c in others]))
    if profession != "management" and rng.random() < 0.15:
        m = rng.choice(EXTRA_MGMT[profession])
        if m not in out:
            out.append(m)
    return out


def pick_seniority(rng, profession, intl):
    if profession == "doctor":
        return wchoice(rng, DOCTOR_GRADES)
    if profession == "management":
        return wchoice(rng, MGMT_BANDS)
    bands = AFC_BANDS
    if intl:  # recently recruited staff sit lower on Agenda for Change
        bands = [(b, w * (1.6 if b in ("band5", "band6") else 1)) for b, w in AFC_BANDS]
    return wchoice(rng, bands)


def pick_employer(rng, profession, specs, group_index, origin):
    primary = specs[0]
    if origin["kind"] == "gb" and group_index in (1, 2, 3) and rng.random() < 0.8:
        return rng.choice([None, WALES, SCOTLAND, NI][group_index])  # Welsh, Scottish, N. Irish names
    if primary == "paramedic_science":
        return rng.choice(AMBULANCE)
    if primary == "general_practice":
        return rng.choice(ICB)
    if primary in MENTAL_SPECS:
        return rng.choice(MENTAL)
    if primary in COMMUNITY_SPECS:
        return rng.choice(COMMUNITY)
    if primary in CHILD_SPECS and rng.random() < 0.5:
        return rng.choice(CHILDREN)
    if primary in ("ophthalmology", "paediatric_ophthalmology", "orthoptics") and rng.random() < 0.6:
        return rng.choice(EYE)
    if primary in ("trauma_orthopaedics", "prosthetics_orthotics") and rng.random() < 0.4:
        return rng.choice(ORTHO)
    r = rng.random()
    if r < 0.06:
        return rng.choice(SCOTLAND)
    if r < 0.09:
        return rng.choice(WALES)
    if r < 0.1:
        return ""
    return rng.choice(ACUTE_ENGLAND)


def date_add(d, days):
    return d + dt.timedelta(days=days)


def rand_date(rng, lo, hi):
    return date_add(lo, rng.randint(0, (hi - lo).days))


def pick_availability(rng):
    r = rng.random()
    if r < 0.12:
        return "", ""
    start = rand_date(rng, dt.date(2026, 1, 5), dt.date(2026, 10, 31))
    if r < 0.2:
        return start.isoformat(), ""
    end = min(date_add(start, rng.randint(90, 540)), dt.date(2027, 12, 31))
    return start.isoformat(), end.isoformat()


def pick_modes(rng):
    return wchoice(rng, [("remote;in-country", 40), ("remote", 30), ("in-country", 15), ("", 15)])


def pick_max(rng):
    return wchoice(rng, [("1", 75), ("2", 12), ("3", 5), ("0", 5), ("", 3)])


def pick_placements(rng):
    return wchoice(rng, [("0", 50), ("1", 25), ("2", 12), ("3", 8), ("4", 5)])


def pick_updated(rng):
    d = rand_date(rng, dt.date(2025, 9, 1), dt.date(2025, 12, 31))
    if rng.random() < 0.15:
        return d.isoformat()
    return f"{d.isoformat()}T{rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"


def join_langs(langs):
    return ";".join(f"{c}:{l}" for c, l in langs)


def build_ties(rng, origin, langs):
    cc = origin["cc"]
    kind = origin["kind"]
    ties = []
    if kind == "gb":
        r = rng.random()
        if r < 0.05:
            return ""
        if r < 0.15:
            return "GB:nationality"
        ties = ["GB:nationality", "GB:birth", "GB:trained"]
        if rng.random() < 0.05:
            ties.append(f"{rng.choice(['AU', 'NZ', 'CA'])}:worked:{rng.randint(1, 2)}")
        return ";".join(ties)
    if kind == "heritage":
        ties = ["GB:nationality", "GB:birth", "GB:trained", f"{cc}:heritage"]
        if rng.random() < 0.25:
            ties.append(f"{cc}:worked:{rng.randint(1, 2)}")
        return ";".join(ties)
    if kind == "worked":
        ties = ["GB:nationality", "GB:birth", "GB:trained"]
        for wc in rng.sample(WORKED_ABROAD, k=wchoice(rng, [(1, 4), (2, 1)])):
            ties.append(f"{wc}:worked:{rng.randint(1, 4)}")
            if rng.random() < 0.5 and all(c != WORKED_LANG[wc] for c, _ in langs):
                langs.append((WORKED_LANG[wc], rng.choice(["A2", "A2", "B1"])))
        return ";".join(ties)
    # international
    naturalised = rng.random() < 0.2
    ties.append("GB:nationality" if naturalised else f"{cc}:nationality")
    if rng.random() < 0.9:
        ties.append(f"{cc}:birth")
    alt = origin.get("trained_alt")
    if alt and rng.random() < alt[1]:
        ties.append(f"{alt[0]}:trained:{rng.randint(4, 6)}")
    else:
        ties.append(f"{cc}:trained")
    for wc, p in origin.get("worked", []):
        if rng.random() < p:
            ties.append(f"{wc}:worked:{rng.randint(1, 6)}")
    if rng.random() < 0.05:
        return ""
    return ";".join(ties)


def person_from(rng, origin, profession, name_override=None):
    gi = rng.choices(range(len(origin["groups"])), weights=[g["w"] for g in origin["groups"]])[0]
    grp = origin["groups"][gi]
    if name_override:
        given, family, suffix = name_override
    else:
        given, family, suffix = rng.choice(grp["given"]), rng.choice(grp["family"]), ""
        if origin["kind"] == "heritage" and rng.random() < 0.4:  # British first name
            given = rng.choice(["Daniel", "Jessica", "Michael", "Sarah", "David", "Hannah", "Joseph"])
    langs = parse_langs(rng, grp["langs"])
    ties = build_ties(rng, origin, langs)
    specs = pick_specialties(rng, profession)
    a_from, a_to = pick_availability(rng)
    return {
        "name": display_name(given, family, suffix, origin.get("family_first", False)),
        "email": make_email(given, family) if rng.random() < 0.95 else "",
        "profession": profession,
        "specialties": ";".join(specs),
        "seniority": pick_seniority(rng, profession, origin["kind"] == "intl"),
        "countries": ties,
        "languages": join_langs(langs),
        "available_from": a_from, "available_to": a_to,
        "modes": pick_modes(rng),
        "max_assignments": pick_max(rng),
        "consent": "yes",
        "employer": pick_employer(rng, profession, specs, gi, origin),
        "placements": pick_placements(rng),
        "updated_at": pick_updated(rng),
        "_origin": origin["key"],
    }


def planted_staff():
    """Hand-written people for need N001 (Ugandan neonatal need): candidates and a non-consenter."""
    base = dict(modes="remote;in-country", max_assignments="1", placements="0",
                updated_at="2025-11-20T10:15:00Z")
    people = [
        dict(base, _tag="N001 candidate", name="Brian Ssekandi", email=make_email("Brian", "Ssekandi"),
             profession="doctor", specialties="neonatal_medicine;paediatrics", seniority="ST6",
             countries="UG:nationality;UG:birth;UG:trained;KE:worked:2",
             languages="lg:native;en:C2;sw:B2", available_from="2026-03-01", available_to="2027-02-28",
             consent="yes", employer="Cambridge University Hospitals NHS Foundation Trust",
             placements="1"),
        dict(base, _tag="N001 candidate", name="Sarah Nakato", email=make_email("Sarah", "Nakato"),
             profession="doctor", specialties="paediatrics;neonatal_medicine;medical_education",
             seniority="consultant", countries="GB:nationality;UG:birth;UG:trained",
             languages="en:C2;lg:native;sw:B1", available_from="2026-01-12", available_to="2026-12-18",
             consent="yes", employer="Birmingham Women's and Children's NHS Foundation Trust",
             max_assignments="2", placements="3"),
        dict(base, _tag="N001 candidate", name="Daniel Kiwanuka", email=make_email("Daniel", "Kiwanuka"),
             profession="doctor", specialties="paediatrics;paediatric_infectious_diseases", seniority="ST4",
             countries="GB:nationality;GB:birth;GB:trained;UG:heritage;UG:worked:1",
             languages="en:native;lg:B2", available_from="2026-04-01", available_to="2026-10-31",
             consent="yes", employer="Alder Hey Children's NHS Foundation Trust", modes="in-country"),
        dict(base, _tag="N001 candidate (no Luganda)", name="Ronald Mugisha",
             email=make_email("Ronald", "Mugisha"), profession="doctor",
             specialties="neonatal_medicine;paediatrics", seniority="specialty-doctor",
             countries="UG:nationality;UG:birth;UG:trained", languages="nyn:native;ttj:C1;en:C2;sw:B1",
             available_from="2026-02-01", available_to="2026-11-30", consent="yes",
             employer="Leeds Teaching Hospitals NHS Trust"),
        dict(base, _tag="N001 non-consenting", name="Grace Namubiru", email=make_email("Grace", "Namubiru"),
             profession="doctor", specialties="neonatal_medicine;paediatrics", seniority="consultant",
             countries="UG:nationality;UG:birth;UG:trained", languages="lg:native;en:C2;sw:B2",
             available_from="2026-01-05", available_to="2027-06-30", consent="no",
             employer="Great Ormond Street Hospital for Children NHS Foundation Trust", placements="2"),
        dict(base, _tag="Ugandan neonatal nurse (not a doctor)", name="Esther Nabirye",
             email=make_email("Esther", "Nabirye"), profession="nurse",
             specialties="nursing_neonatal;nursing_children", seniority="band6",
             countries="UG:nationality;UG:birth;UG:trained", languages="lg:native;xog:native;en:C1;sw:B2",
             available_from="2026-03-01", available_to="2026-12-31", consent="yes",
             employer="Cambridge University Hospitals NHS Foundation Trust"),
        dict(base, _tag="British neonatologist who worked in Uganda", name="Hannah Whitfield",
             email=make_email("Hannah", "Whitfield"), profession="doctor",
             specialties="neonatal_medicine;paediatrics;quality_improvement", seniority="consultant",
             countries="GB:nationality;GB:birth;GB:trained;UG:worked:2;MW:worked:1",
             languages="en:native;lg:A2;ny:A2", available_from="2026-05-01", available_to="2026-08-31",
             consent="yes", employer="Cambridge University Hospitals NHS Foundation Trust", placements="4"),
    ]
    return people


# --------------------------------------------------------------------------------------------
# Needs (hand-written; partnerships are fictitious, host institutions real)

NEEDS = [
    # id, partnership, host, country, profession, specialty, min_seniority, required, preferred,
    # start, end, mode, slots, priority, status, description
    ("N001", "Kabarole–Cambridge Neonatal Partnership", "Fort Portal Regional Referral Hospital, Kabarole",
     "UG", "doctor", "neonatal_medicine", "ST3", "en:B2", "lg", "2026-04-01", "2026-09-30",
     "in-country", 1, 5, "open",
     "Neonatal doctor to work alongside the unit's medical officers in western Uganda: newborn "
     "resuscitation and kangaroo mother care training, and setting up a retinopathy-of-prematurity "
     "screening pathway with the eye team."),
    ("N002", "Kabarole–Cambridge Neonatal Partnership", "Fort Portal Regional Referral Hospital, Kabarole",
     "UG", "nurse", "nursing_neonatal", "band6", "en:B2", "lg;sw", "2026-04-01", "2026-12-31",
     "either", 2, 4, "open",
     "Neonatal nurses to co-design a nursing competency framework for the special care baby unit."),
    ("N003", "Kabarole–Cambridge Neonatal Partnership", "Fort Portal Regional Referral Hospital, Kabarole",
     "UG", "doctor", "paediatric_ophthalmology", "ST4", "en:B2", "", "2026-06-01", "2027-05-31",
     "either", 1, 3, "open",
     "Remote mentoring and one visit to train ophthalmic clinical officers in ROP screening."),
    ("N004", "Mbarara–Leeds Anaesthesia Partnership", "Mbarara Regional Referral Hospital", "UG",
     "doctor", "anaesthesia", "ST4", "en:B2", "nyn;sw", "2026-06-01", "2026-12-15", "in-country", 2, 4,
     "open", "Teach safe obstetric and paediatric anaesthesia, including spinal anaesthesia for caesarean section."),
    ("N005", "Lilongwe–Edinburgh Maternal Health Link", "Kamuzu Central Hospital, Lilongwe", "MW",
     "midwife", "midwifery", "band6", "en:B2", "ny", "2026-02-01", "2026-07-31", "in-country", 3, 5,
     "open", "Emergency obstetric and newborn care skills drills on the labour ward."),
    ("N006", "Blantyre–Liverpool Emergency Care Partnership", "Queen Elizabeth Central Hospital, Blantyre",
     "MW", "doctor", "emergency_medicine", "ST4", "en:B2", "ny", "2026-09-01", "2027-03-31", "either", 1, 3,
     "open", "Triage (ETAT+) training and support for the adult emergency and trauma centre."),
    ("N007", "Zomba–Glasgow Mental Health Partnership", "Zomba Mental Hospital", "MW", "nurse",
     "nursing_mental_health", "band7", "en:B2", "ny", "2026-03-01", "2026-11-30", "remote", 2, 3, "open",
     "Clinical supervision, by video call, for psychiatric nurses running community outreach clinics."),
    ("N008", "Lusaka–Oxford Antimicrobial Stewardship Partnership", "University Teaching Hospitals, Lusaka",
     "ZM", "pharmacist", "antimicrobial_stewardship", "band7", "en:B2", "bem;ny", "2026-03-01", "2026-12-31",
     "remote", 2, 4, "open",
     "Set up an antimicrobial stewardship committee, point-prevalence surveys and a local antibiotic guideline."),
    ("N009", "Livingstone–Bristol Physiotherapy Link", "Livingstone University Teaching Hospital", "ZM",
     "allied_health", "physiotherapy", "band6", "en:B2", "toi;loz", "2026-05-04", "2026-08-28", "in-country",
     1, 3, "open", "Early mobilisation and rehabilitation after trauma and stroke."),
    ("N010", "Kilimanjaro–Newcastle Orthopaedic Partnership", "Kilimanjaro Christian Medical Centre, Moshi",
     "TZ", "doctor", "trauma_orthopaedics", "ST5", "en:B2", "sw:B1", "2026-10-01", "2027-01-31",
     "in-country", 1, 3, "open", "Fracture care, Ponseti clubfoot clinic and theatre teaching."),
    ("N011", "Mwanza–Birmingham Laboratory Partnership", "Bugando Medical Centre, Mwanza", "TZ",
     "healthcare_scientist", "lab_microbiology", "band6", "en:B2", "sw", "2026-04-01", "2027-03-31",
     "either", 2, 4, "open", "Blood culture and antimicrobial susceptibility testing quality assurance."),
    ("N012", "Gondar–Sheffield Midwifery Education Partnership",
     "University of Gondar Comprehensive Specialized Hospital", "ET", "midwife", "midwifery", "band7",
     "en:B2", "am", "2026-09-01", "2027-06-30", "either", 2, 3, "open",
     "Co-teach the BSc midwifery curriculum and mentor clinical preceptors."),
    ("N013", "Addis Ababa–London Critical Care Partnership", "Tikur Anbessa Specialized Hospital, Addis Ababa",
     "ET", "doctor", "intensive_care_medicine", "consultant", "en:B2", "am", "2026-02-01", "2026-06-30",
     "remote", 1, 4, "filled",
     "Weekly tele-ICU case review.\nAlso: help write ventilator weaning and sepsis protocols."),
    ("N014", "Jimma–Bristol Eye Health Partnership", "Jimma University Medical Center", "ET", "doctor",
     "ophthalmology", "ST6", "en:B2", "om;am", "2026-11-01", "2027-02-28", "in-country", 1, 3, "open",
     "Cataract surgery training (manual small-incision) and trachoma trichiasis surgery audit."),
    ("N015", "Kano–Manchester Emergency Obstetric Care Partnership", "Aminu Kano Teaching Hospital, Kano", "NG",
     "doctor", "obstetrics_gynaecology", "consultant", "en:B2", "ha", "2026-03-01", "2026-08-31",
     "in-country", 1, 5, "open",
     "Postpartum haemorrhage, pre-eclampsia and obstetric fistula care; mentoring of senior registrars."),
    ("N016", "Lagos–London Infection Prevention Partnership", "Lagos University Teaching Hospital", "NG",
     "nurse", "infection_prevention_control", "band7", "en:B2", "yo", "2026-01-15", "2026-06-30",
     "either", 1, 4, "filled", "Hand hygiene, surgical site infection surveillance and an IPC link-nurse network."),
    ("N017", "Enugu–Leicester Biomedical Science Link", "University of Nigeria Teaching Hospital, Ituku-Ozalla",
     "NG", "healthcare_scientist", "biomedical_science", "band6", "en:B2", "ig", "2026-05-01", "2027-04-30",
     "remote", 1, 2, "open", "Laboratory quality management towards ISO 15189 accreditation."),
    ("N018", "Kumasi–Brighton Emergency Medicine Partnership", "Komfo Anokye Teaching Hospital, Kumasi", "GH",
     "doctor", "emergency_medicine", "ST4", "en:B2", "ak", "2026-07-01", "2027-06-30", "either", 2, 3,
     "open", "Support the emergency medicine residency: simulation, teaching and exam preparation."),
    ("N019", "Accra–Nottingham Paediatric Nursing Partnership", "Korle Bu Teaching Hospital, Accra", "GH",
     "nurse", "nursing_children", "band6", "en:B2", "ak;ee", "2026-02-02", "2026-05-29", "in-country", 1, 3,
     "filled", "Paediatric early warning scores and sick-child triage on the children's wards."),
    ("N020", "Freetown–Sheffield Maternal Health Partnership", "Princess Christian Maternity Hospital, Freetown",
     "SL", "midwife", "intrapartum_midwifery", "band6", "en:B2", "kri", "2026-01-19", "2026-07-17",
     "in-country", 3, 5, "open", "Labour ward mentoring, partograph use and obstetric emergency drills."),
    ("N021", "Freetown–Bristol Mental Health Link", "Sierra Leone Psychiatric Teaching Hospital, Kissy",
     "SL", "doctor", "psychiatry", "ST4", "en:B2", "kri", "2026-04-01", "2027-03-31", "remote", 1, 3, "open",
     "Remote teaching for mental health nurses and clinical officers; case supervision."),
    ("N022", "Freetown–Brighton Laboratory Partnership", "Connaught Hospital, Freetown", "SL",
     "healthcare_scientist", "lab_transfusion", "band7", "en:B2", "kri", "2026-03-02", "2026-06-26",
     "in-country", 1, 4, "filled", "Blood bank stock management and safe transfusion practice."),
    ("N023", "Hargeisa–Leeds Nursing Education Partnership", "Hargeisa Group Hospital", "XS", "nurse",
     "nursing_adult", "band7", "en:B2", "so:B1;ar", "2026-01-10", "2026-10-31", "either", 2, 4, "open",
     "Nurse educators to teach, mentor and assess on the adult wards; Somali speakers especially welcome."),
    ("N024", "Hargeisa–Manchester Midwifery Partnership", "Edna Adan University Hospital, Hargeisa", "XS",
     "midwife", "community_midwifery", "band6", "en:B2", "so", "2026-09-01", "2027-02-26", "in-country", 2, 4,
     "open", "Train community midwives in antenatal care, birth preparedness and postnatal home visits."),
    ("N025", "Yangon–Oxford Anaesthesia Education Partnership", "Yangon General Hospital", "MM", "doctor",
     "anaesthesia", "ST3", "en:B2", "my", "2026-02-01", "2026-12-31", "remote", 2, 3, "open",
     "Online tutorials and case-based discussion for anaesthesia trainees."),
    ("N026", "Yangon–Oxford Anaesthesia Education Partnership", "Yangon General Hospital", "MM", "nurse",
     "nursing_critical_care", "band6", "en:B1", "my", "2026-05-01", "2026-11-30", "remote", 1, 2, "open",
     "Online critical care nursing course: ventilated patients, sedation and pressure-area care."),
    ("N027", "North-West Syria Tele-ICU Network", "Bab al-Hawa Hospital, Idlib Governorate", "SY", "doctor",
     "intensive_care_medicine", "ST5", "ar:B2", "", "2026-01-05", "", "remote", 3, 5, "open",
     "Remote intensive care advice, in Arabic, to doctors in north-west Syria; rota of 2-hour sessions."),
    ("N028", "North-West Syria Mental Health Support Partnership", "Idlib Governorate (community mental health teams)",
     "SY", "allied_health", "clinical_psychology", "band7", "ar:C1", "", "2026-03-01", "2027-02-28", "remote",
     2, 4, "open", "Supervision of psychosocial support workers and trauma-focused therapy training."),
    ("N029", "Harare–Cardiff Biomedical Engineering Partnership", "Parirenyatwa Group of Hospitals, Harare",
     "ZW", "healthcare_scientist", "clinical_engineering", "band7", "en:B2", "sn", "2026-08-03", "2026-11-27",
     "in-country", 1, 3, "open", "Maintenance of oxygen concentrators, infant warmers and theatre equipment."),
    ("N030", "Bulawayo–Sunderland Pharmacy Partnership", "Mpilo Central Hospital, Bulawayo", "ZW",
     "pharmacist", "clinical_pharmacy", "band7", "en:B2", "nd", "2026-04-01", "2026-09-30", "either", 1, 2,
     "open", "Ward-based clinical pharmacy and a medicines reconciliation pilot."),
    ("N031", "Dhulikhel–Nottingham Physiotherapy Partnership", "Dhulikhel Hospital, Kavrepalanchok", "NP",
     "allied_health", "musculoskeletal_physiotherapy", "band6", "en:B2", "ne", "2026-03-01", "2026-05-31",
     "in-country", 1, 2, "filled", "Musculoskeletal outpatient service and spinal injury rehabilitation."),
    ("N032", "Kathmandu–Leeds Emergency Nursing Partnership", "Tribhuvan University Teaching Hospital, Kathmandu",
     "NP", "nurse", "nursing_emergency", "band6", "en:B2", "ne", "2026-06-01", "2027-05-31", "either", 2, 3,
     "open", "Emergency nursing triage course and trauma nursing skills."),
    ("N033", "Banjul–Norwich Newborn Care Partnership", "Edward Francis Small Teaching Hospital, Banjul", "GM",
     "nurse", "nursing_neonatal", "band6", "en:B2", "man", "2026-02-16", "2026-08-14", "either", 2, 4, "open",
     "Neonatal nursing: thermal care, feeding support and infection prevention on the neonatal unit."),
    ("N034", "Banjul–Norwich Newborn Care Partnership", "Edward Francis Small Teaching Hospital, Banjul", "GM",
     "doctor", "paediatrics", "ST3", "en:B2", "", "2026-09-01", "2027-08-31", "remote", 1, 2, "open",
     "Remote paediatric case reviews and guideline development."),
    ("N035", "Eldoret–Exeter Rehabilitation Partnership", "Moi Teaching and Referral Hospital, Eldoret", "KE",
     "allied_health", "prosthetics_orthotics", "band6", "en:B2", "sw", "2026-07-01", "2026-12-18", "in-country",
     1, 3, "open", "Lower-limb prosthetic fitting and training of orthopaedic technologists."),
    ("N036", "Kisumu–Plymouth Diabetes Partnership", "Jaramogi Oginga Odinga Teaching and Referral Hospital, Kisumu",
     "KE", "doctor", "endocrinology_diabetes", "ST5", "en:B2", "luo;sw", "2026-01-12", "2026-03-27", "remote",
     1, 1, "closed", "Diabetes clinic protocols and foot-care pathway (closed: funding ended)."),
    ("N037", "Goma–Bristol Surgical Partnership", "HEAL Africa Hospital, Goma", "CD", "doctor",
     "general_surgery", "ST6", "fr:B2", "sw", "2026-05-04", "2026-07-31", "in-country", 1, 4, "open",
     "Emergency and trauma surgery teaching; French needed for ward rounds and teaching."),
    ("N038", "Bukavu–Manchester Maternal Health Link", "Panzi Hospital, Bukavu", "CD", "midwife", "midwifery",
     "band7", "fr:B1;en:B1", "sw", "2026-10-05", "2027-03-26", "either", 1, 4, "open",
     "Postnatal and fistula-ward midwifery care, with the hospital's midwifery school."),
    ("N039", "Gulu–Dundee Radiography Partnership", "Gulu Regional Referral Hospital", "UG", "allied_health",
     "diagnostic_radiography", "band6", "en:B2", "ach", "2026-01-12", "2026-04-30", "remote", 1, 2, "filled",
     "Ultrasound and X-ray image quality review, and radiation protection training."),
    ("N040", "Mzuzu–Aberdeen Occupational Therapy Link", "Mzuzu Central Hospital", "MW", "allied_health",
     "occupational_therapy", "band6", "en:B2", "tum", "2026-04-06", "2026-06-26", "in-country", 1, 1,
     "closed", "Upper-limb rehabilitation after burns."),
    ("N041", "Mulago–Cambridge Quality Improvement Partnership", "Mulago National Referral Hospital, Kampala",
     "UG", "management", "quality_improvement", "band8a", "en:B2", "lg", "2026-03-02", "2026-12-18", "remote",
     1, 3, "open", "Coach hospital QI teams (PDSA cycles, run charts) on maternal and newborn care."),
    ("N042", "Ndola–Leicester Medical Education Link", "Ndola Teaching Hospital", "ZM", "management",
     "medical_education", "band8a", "en:B2", "bem", "2026-09-01", "2027-08-31", "remote", 1, 2, "open",
     "Faculty development for clinical teachers: feedback, assessment and simulation."),
]


def staff_v2(person):
    """A staff row in today's codes: skills in their own column (a manager, who holds skills
    only, keeps the first in `specialties`, as files written before the skills column did)."""
    codes = [to_v2(c) for c in parse_items(person["specialties"])]
    specialties = [c for c in codes if V2[c]["level"] != "skill"]
    skills = [c for c in codes if V2[c]["level"] == "skill"]
    if not specialties:
        specialties, skills = skills[:1], skills[1:]
    return {**person, "specialties": ";".join(specialties), "skills": ";".join(skills)}


# Needs v2 fields (docs/FORMATS.md) for some needs: the site, several countries or professions,
# skills, the UK partner organisation (a name or an ODS code), a minimum score, the specialty
# constraint turned off.
CAMBRIDGE = "Cambridge University Hospitals NHS Foundation Trust"
NEED_V2 = {
    "N001": dict(site="Fort Portal", partner=CAMBRIDGE),
    "N002": dict(site="Fort Portal", partner="RGT"),
    "N003": dict(site="Fort Portal", partner=CAMBRIDGE),
    "N004": dict(site="Mbarara", partner="Leeds Teaching Hospitals NHS Trust"),
    "N008": dict(site="Lusaka", profession="pharmacist;doctor", specialty="",
                 skills="antimicrobial_stewardship",
                 partner="Oxford University Hospitals NHS Foundation Trust"),
    "N011": dict(country="TZ;KE;UG"),
    "N012": dict(skills="education"),
    "N016": dict(site="Lagos", profession="nurse;doctor;pharmacist", specialty="",
                 skills="infection_prevention_control",
                 partner="Guy's and St Thomas' NHS Foundation Trust"),
    "N023": dict(site="Hargeisa", skills="nursing_education", partner="Leeds Teaching Hospitals"),
    "N027": dict(require_specialty="no"),
    "N041": dict(min_score="50"),
}


def need_v2(need):
    """A need row in today's codes, with its v2 fields."""
    row = {**need, "specialty": ";".join(to_v2(c) for c in parse_items(need["specialty"])),
           "site": "", "skills": "", "partner": "", "min_score": "", "require_specialty": ""}
    row.update(NEED_V2.get(need["id"], {}))
    return row


def need_rows():
    rows = []
    for i, n in enumerate(NEEDS):
        (nid, partnership, host, country, prof, spec, minsen, req, pref, start, end, mode, slots, prio,
         status, desc) = n
        rows.append({"id": nid, "partnership": partnership, "host_institution": host, "country": country,
                     "profession": prof, "specialty": spec, "min_seniority": minsen,
                     "required_languages": req, "preferred_languages": pref, "start": start, "end": end,
                     "mode": mode, "slots": str(slots), "priority": str(prio), "status": status,
                     "description": desc,
                     "updated_at": f"2025-12-{1 + i % 20:02d}T09:{i % 60:02d}:00Z"})
    return rows


# --------------------------------------------------------------------------------------------
# Outcomes

def parse_items(s):
    return [x.strip() for x in s.split(";") if x.strip()] if s else []


def staff_ties(s):
    return {x.split(":")[0] for x in parse_items(s["countries"])}


def staff_langs(s):
    return {x.split(":")[0] for x in parse_items(s["languages"])}


def relevance(need, s):
    specs = parse_items(s["specialties"])
    score = 0.0
    sp = need["specialty"]
    if sp:
        if sp in specs:
            score += 3
        elif SPEC[sp]["parent"] in specs or any(SPEC[x]["parent"] == sp for x in specs):
            score += 2
        elif any(SPEC[x]["parent"] and SPEC[x]["parent"] == SPEC[sp]["parent"] for x in specs):
            score += 0.5
    if need["country"] in staff_ties(s):
        score += 2
    pref = {x.split(":")[0] for x in parse_items(need["preferred_languages"])}
    score += len(pref & staff_langs(s))
    return score


def build_outcomes(rng, staff, needs):
    out = []
    used = set()
    for need in needs:
        if need["id"] == "N001":  # keep N001 clean for the demo
            continue
        pool = [s for s in staff if s["consent"] == "yes" and s["profession"] == need["profession"]
                and not s.get("_tag")]
        pool.sort(key=lambda s: (-relevance(need, s), s["id"]))
        pool = pool[:12]
        rng.shuffle(pool)
        pool.sort(key=lambda s: -relevance(need, s))
        start = dt.date.fromisoformat(need["start"])
        end = dt.date.fromisoformat(need["end"]) if need["end"] else None
        status = need["status"]
        slots = int(need["slots"])
        plan = []
        if status == "filled":
            done = end is not None and end <= dt.date(2026, 11, 30)
            plan = ["completed" if done else "accepted"] * slots + ["declined"] * rng.randint(0, 2)
        elif status == "closed":
            plan = rng.choice([["declined"], ["no_response", "declined"], ["accepted", "declined"]])
        else:
            k = rng.choice([0, 1, 1, 2, 2, 3])
            plan = [wchoice(rng, [("declined", 3), ("no_response", 2), ("accepted", 3)]) for _ in range(k)]
            if slots >= 2 and rng.random() < 0.6:
                plan = ["accepted"] + plan
            if plan.count("accepted") > max(slots - 1, 0):
                plan = [p if p != "accepted" else "declined" for p in plan]
        for outcome in plan:
            cand = [s for s in pool if (need["id"], s["id"]) not in used
                    and not (outcome in ("accepted", "completed") and s["max_assignments"] == "0")]
            if not cand:
                break
            s = cand[0] if outcome in ("accepted", "completed") else rng.choice(cand[:6])
            used.add((need["id"], s["id"]))
            if outcome == "completed":
                d = min(date_add(end, rng.randint(1, 14)), dt.date(2026, 12, 31))
            else:
                hi = min(date_add(start, -7), dt.date(2026, 12, 31))
                lo = max(date_add(hi, -150), dt.date(2025, 6, 1))
                d = rand_date(rng, lo, hi)
            out.append({"need_id": need["id"], "staff_id": s["id"], "outcome": outcome,
                        "date": d.isoformat()})
    out.sort(key=lambda r: (r["date"], r["need_id"], r["staff_id"]))
    return out


# --------------------------------------------------------------------------------------------

def write(path, columns, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow(r)


def build_staff(rng):
    planted = planted_staff()
    quota = dict(PROFESSION_TARGET)
    for p in planted:
        quota[p["profession"]] -= 1
    n_gb = N_STAFF - len(planted) - sum(o["n"] for o in ORIGINS if o["n"] is not None)
    slots = []
    for o in ORIGINS:
        n = o["n"] if o["n"] is not None else n_gb
        slots += [o] * n
    # internationals first: their profession mix is the most constrained
    order = sorted(range(len(slots)), key=lambda i: (slots[i]["kind"] == "gb", i))
    specials = {o["key"]: list(o.get("special", [])) for o in ORIGINS}
    people = []
    for i in order:
        o = slots[i]
        w = PROF_W[o["prof"]]
        prof = wchoice(rng, [(p, w.get(p, 0.05) * quota[p]) for p in PROFESSION_TARGET if quota[p] > 0])
        quota[prof] -= 1
        name = specials[o["key"]].pop(0) if specials[o["key"]] else None
        people.append(person_from(rng, o, prof, name))
    assert all(v == 0 for v in quota.values()), quota
    # 8 % do not consent (one of them planted)
    n_no = N_NO_CONSENT - sum(1 for p in planted if p["consent"] == "no")
    for p in rng.sample(people, n_no):
        p["consent"] = "no"
    # the person with a comma in her name ("Margaret Hughes, MBE") is a senior British nurse:
    # swap her name with a British nurse's, keeping the profession totals exact
    mbe = next(p for p in people if p["name"].endswith(", MBE"))
    nurse = next(p for p in people if p["_origin"] == "GB" and p["profession"] == "nurse"
                 and p is not mbe and p["consent"] == "yes")
    for k in ("name", "email"):
        mbe[k], nurse[k] = nurse[k], mbe[k]
    nurse["seniority"], nurse["specialties"] = "band8d", "nursing_adult;patient_safety"
    everyone = people + planted
    rng.shuffle(everyone)
    for i, p in enumerate(everyone, 1):
        p["id"] = f"S{i:04d}"
    return everyone


def profession_counts(staff):
    counts = {}
    for s in staff:
        counts[s["profession"]] = counts.get(s["profession"], 0) + 1
    return counts


# --------------------------------------------------------------------------------------------
# Validation

def level_ok(level):
    return level in ("A1", "A2", "B1", "B2", "C1", "C2", "native")


def validate(staff, needs, outcomes):
    errors = []
    ids = [s["id"] for s in staff]
    if len(set(ids)) != len(ids):
        errors.append("duplicate staff ids")
    emails = [s["email"] for s in staff if s["email"]]
    if len(set(emails)) != len(emails):
        errors.append("duplicate e-mails")
    for s in staff:
        prof = s["profession"]
        specs = parse_items(s["specialties"])
        if not specs:
            errors.append(f"{s['id']}: no specialties")
        skills = parse_items(s["skills"])
        for sp in specs + skills:
            if sp not in V2 or V2[sp]["level"] == "profession" or \
                    V2[sp]["profession"] not in (prof, "skill"):
                errors.append(f"{s['id']}: specialty {sp} not of {prof}")
        if any(sp not in V2 or V2[sp]["level"] != "skill" for sp in skills):
            errors.append(f"{s['id']}: a skill that is not one")
        if V2[specs[0]]["profession"] not in (prof, "skill") and \
                not any(V2[x]["profession"] == prof for x in specs):
            errors.append(f"{s['id']}: no specialty of own profession")
        for t in parse_items(s["countries"]):
            parts = t.split(":")
            if parts[0] not in COUNTRIES or parts[1] not in ("nationality", "birth", "trained", "worked",
                                                             "heritage"):
                errors.append(f"{s['id']}: bad tie {t}")
        for l in parse_items(s["languages"]):
            c, lev = l.split(":")
            if c not in LANGUAGES or not level_ok(lev):
                errors.append(f"{s['id']}: bad language {l}")
        if s["available_from"] and s["available_to"] and s["available_to"] < s["available_from"]:
            errors.append(f"{s['id']}: availability reversed")
    need_ids = {n["id"] for n in needs}
    for n in needs:
        if any(c not in COUNTRIES for c in n["country"].split(";")):
            errors.append(f"{n['id']}: bad country")
        professions = n["profession"].split(";")
        for sp in parse_items(n["specialty"]) + parse_items(n["skills"]):
            if sp not in V2 or V2[sp]["profession"] not in professions + ["skill"] \
                    or V2[sp]["level"] == "profession":
                errors.append(f"{n['id']}: specialty {sp} not of {n['profession']}")
        for f in ("required_languages", "preferred_languages"):
            for l in parse_items(n[f]):
                parts = l.split(":")
                if parts[0] not in LANGUAGES or (len(parts) > 1 and not level_ok(parts[1])):
                    errors.append(f"{n['id']}: bad language {l}")
        if n["end"] and n["end"] < n["start"]:
            errors.append(f"{n['id']}: dates reversed")
    by_id = {s["id"]: s for s in staff}
    needs_by_id = {n["id"]: n for n in needs}
    pairs = set()
    for o in outcomes:
        s, n = by_id.get(o["staff_id"]), needs_by_id.get(o["need_id"])
        if s is None or n is None:
            errors.append(f"outcome refers to unknown id {o}")
            continue
        if s["consent"] != "yes" or s["profession"] not in n["profession"].split(";"):
            errors.append(f"outcome {o}: consent/profession")
        if not ("2025-01-01" <= o["date"] <= "2026-12-31"):
            errors.append(f"outcome {o}: date")
        if (o["need_id"], o["staff_id"]) in pairs:
            errors.append(f"outcome {o}: duplicate pair")
        pairs.add((o["need_id"], o["staff_id"]))
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    rng = random.Random(SEED)

    staff = build_staff(rng)
    needs = need_rows()
    outcomes = build_outcomes(rng, staff, needs)

    write(os.path.join(args.out, "staff.csv"), STAFF_COLUMNS, [staff_v2(p) for p in staff])
    write(os.path.join(args.out, "needs.csv"), NEED_COLUMNS, [need_v2(n) for n in needs])
    write(os.path.join(args.out, "outcomes.csv"), OUTCOME_COLUMNS, outcomes)

    # Re-read what was written, so the checks see the files as an importer would.
    def reread(name):
        with open(os.path.join(args.out, name), encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    s2, n2, o2 = reread("staff.csv"), reread("needs.csv"), reread("outcomes.csv")
    errors = validate(s2, n2, o2)

    counts = profession_counts(s2)
    print(f"staff.csv     {len(s2)} rows: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"              consent no: {sum(1 for s in s2 if s['consent'] == 'no')}")
    nat = {}
    for s in s2:
        for t in parse_items(s["countries"]):
            cc, kind = t.split(":")[:2]
            if kind == "nationality":
                nat[cc] = nat.get(cc, 0) + 1
    print("              nationality ties: " + ", ".join(f"{k} {v}" for k, v in
                                                        sorted(nat.items(), key=lambda kv: -kv[1])))
    print(f"needs.csv     {len(n2)} rows; statuses: " +
          ", ".join(f"{k} {sum(1 for n in n2 if n['status'] == k)}" for k in ("open", "filled", "closed")))
    print(f"outcomes.csv  {len(o2)} rows: " +
          ", ".join(f"{k} {sum(1 for o in o2 if o['outcome'] == k)}"
                    for k in ("accepted", "declined", "no_response", "completed")))
    print("Planted people for N001 (Kabarole neonatal, Uganda):")
    for p in sorted((p for p in staff if p.get("_tag")), key=lambda p: p["id"]):
        print(f"  {p['id']}  {p['_tag']:40s} {p['name']:18s} {p['profession']:7s} {p['specialties']:45s} "
              f"{p['languages']:30s} consent={p['consent']}")
    others = [s for s in s2 if s["consent"] == "no" and "UG" in staff_ties(s)]
    print("All non-consenting staff with a UG tie: " + ", ".join(s["id"] for s in others))
    cands = [s for s in s2 if s["consent"] == "yes" and s["profession"] == "doctor"
             and "UG" in staff_ties(s) and "lg" in staff_langs(s)
             and set(parse_items(s["specialties"])) & {"neonatal_medicine", "paediatrics"}]
    print("Consenting UG-tied paediatric/neonatal doctors speaking Luganda: " +
          ", ".join(s["id"] for s in cands))
    if errors:
        print("ERRORS:\n  " + "\n  ".join(errors), file=sys.stderr)
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
