#!/usr/bin/env python3
"""Rebuilds the folder-form sample exports: mueller-logistik (one export) and alpen-handel (three).

Run: python3 samples/tools/build-folders.py   (expected counts: samples/README.md)
Deterministic: the same script always writes the same bytes.
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import xmlgen as x  # noqa: E402

SAMPLES = os.path.dirname(HERE)

DE_FIRST = ["Jürgen", "Björn", "Sören", "Jörg", "Günter", "Käthe", "Bärbel", "Thomas", "Ursula", "Stefan", "Andrea",
            "Petra", "Michael", "Sabine", "Katrin", "Lars", "Dieter", "Heike", "Tobias", "Julia", "Lena", "Felix",
            "Marie", "Paul", "Jonas", "Anja", "Frank", "Birgit", "Hans-Jürgen", "Ümit", "Gerd", "Monika", "Ralf",
            "Susanne", "Uwe", "Claudia", "Jens", "Nicole", "Torsten", "Daniela", "Björn", "Maren", "Helmut", "Doris"]
DE_LAST = ["Müller", "Schäfer", "Weiß", "Groß", "Köhler", "Krüger", "Böhm", "Schröder", "Hoffmann", "Schmitz",
           "Wagner", "Becker", "Jäger", "Fuß", "Strauß", "Bäumer", "Lößl", "Kühn", "Vogel", "Bauer", "Maier",
           "Hübner", "Fröhlich", "Schütz", "Sommer", "Brandt", "Löffler", "Kößler", "Graf", "Dietz", "Wolf",
           "Neumann", "Schwarz", "Zimmermann", "Krause", "Lehmann", "Günther", "Hartmann", "Möller", "Lorenz", "Scholz"]
AT_FIRST = ["Leopold", "Theresa", "Florian", "Katharina", "Alois", "Johanna", "Matthias", "Valentina", "Dominik",
            "Magdalena", "Lukas", "Sophie", "Franz", "Elisabeth", "Raphael", "Verena", "Sebastian", "Anna-Lena",
            "Jakob", "Hannelore", "Markus", "Rosalie", "Gerhard"]
AT_LAST = ["Gruber", "Pichler", "Hofbauer", "Steiner", "Moser", "Leitner", "Wimmer", "Mayrhofer", "Eder", "Haider",
           "Wallner", "Pöll", "Höller", "Größinger", "Strößner", "Lang", "Brunner", "Aigner", "Kößlbacher", "Fürst",
           "Schönauer", "Weißensteiner", "Hödl"]

USED: set[str] = set()


def people(n, firsts, lasts, seed):
    """n distinct (first, last, userName) triples, deterministic, unique across the whole run."""
    out, i = [], 0
    while len(out) < n:
        first = firsts[(seed + i * 7) % len(firsts)]
        last = lasts[(seed * 3 + i * 11) % len(lasts)]
        i += 1
        name = f"{x.ascii_name(first)}.{x.ascii_name(last)}"
        if name in USED:
            continue
        USED.add(name)
        out.append((first, last, name))
    return out


def mk_user(first, last, name, domain, phone, *, ad, enabled=True, secondary="", monitors=(), profile="Standard",
            email=None, ou="Benutzer"):
    display = f"{last}, {first}"
    dn_cn = display.replace(",", "\\,")
    return {
        "user": name, "sip": f"sip:{name}@{domain}", "first": first, "last": last, "display": display,
        "email": f"{name}@{domain}" if email is None else email, "profile": profile, "phone": phone,
        "secondary": secondary, "monitors": list(monitors), "enabled": enabled,
        "dn": f"CN={dn_cn},OU={ou},{ad['base']}", "sam": name.replace(".", "")[:20], "guid": x.guid(name),
    }


def line(number, base, name, **kw):
    return {"number": number, "ext": number[len(base):], "name": name, **kw}


def clientupdate_files(files, path, version, enc):
    files["config/ClientUpdate.xml"] = x.encode(x.clientupdate(path, version), enc)


def site(users, base, first_ext, domain, ad, specs):
    """Users with consecutive extensions; specs[i] overrides per index ('noline', 'disabled', 'secondary', 'monitors', ...)."""
    out, lines = [], []
    ext = first_ext
    for i, (first, last, name) in enumerate(users):
        sp = specs.get(i, {})
        phone = "" if sp.get("noline") else base + str(ext)
        if not sp.get("noline"):
            ext += 1
        secondary = ""
        if sp.get("secondary"):
            secondary = base + str(sp["secondary"])
        u = mk_user(first, last, name, domain, phone, ad=ad, enabled=not sp.get("disabled"), secondary=secondary,
                    profile=sp.get("profile", "Standard"), email=sp.get("email"), ou=sp.get("ou", ad.get("ou", "Benutzer")))
        out.append(u)
        if phone:
            lines.append(line(phone, base, u["display"]))
        if secondary:
            lines.append(line(secondary, base, u["display"] + " (Zweitleitung)"))
    # monitors reference numbers by user index, resolved after all numbers exist
    for i, sp in specs.items():
        for ref in sp.get("monitors", []):
            out[i]["monitors"].append(ref if isinstance(ref, str) else out[ref]["phone"])
    return out, lines


# ---- Müller Logistik GmbH: one AD server, two PBXs (München ECSTA, Lager Nürnberg TAPI) --------

def mueller():
    domain = "mueller-logistik.de"
    ad = {"base": "OU=Mueller,DC=mueller-logistik,DC=local"}
    muc, nue = "+4989767", "+4991133210"
    p = people(40, DE_FIRST, DE_LAST, 3)
    muc_users, muc_lines = site(p[:28], muc, 200, domain, ad, {
        0: {"secondary": 290, "profile": "Geschäftsleitung"},
        1: {"profile": "Geschäftsleitung"},
        5: {"monitors": [0, 1, 2, muc + "0"], "profile": "Empfang"},
        6: {"monitors": [7, 8, 9]},
        7: {"monitors": [6]},
        13: {"disabled": True},
        20: {"noline": True, "email": "", "profile": ""},
        24: {"disabled": True, "ou": "Ehemalige"},
    })
    nue_users, nue_lines = site(p[28:], nue, 30, domain, ad, {
        0: {"profile": "Lagerleitung"},
        1: {"secondary": 79},
        2: {"monitors": [0, 1, nue + "0"]},
        7: {"disabled": True},
    })
    users = muc_users + nue_users
    ecsta = [line(muc + "0", muc, "Zentrale München", trunk="1"), line(muc + "1", muc, "Amt 2 München", trunk="1", journal="0")]
    ecsta += muc_lines + [line(muc + "280", muc, "Empfang PC")]
    tapi = [line(nue + "0", nue, "Zentrale Lager", trunk="1")] + nue_lines
    tapi += [line(nue + "90", nue, "Lager Terminal 1"), line(nue + "91", nue, "Lager Terminal 2", journal="0")]
    names = [u["user"] for u in users]
    groups = [
        {"name": "Geschäftsleitung", "sip": f"sip:geschaeftsleitung@{domain}", "leader": names[0], "coleader": names[1],
         "members": names[0:3]},
        {"name": "Disposition München", "sip": f"sip:disposition@{domain}", "leader": names[6], "coleader": "",
         "members": names[6:12]},
        {"name": "Buchhaltung", "sip": f"sip:buchhaltung@{domain}", "leader": names[14], "coleader": names[15],
         "members": names[14:19]},
        {"name": "Lager Nürnberg", "sip": f"sip:lager.nuernberg@{domain}", "leader": names[28], "coleader": names[29],
         "ese": "1", "members": names[28:40]},
        {"name": "Alle Mitarbeiter", "sip": f"sip:alle@{domain}", "settings": "0", "members": names},
    ]
    computers = [
        {"login": "ML-EMPFANG-01", "phone": muc + "280"},
        {"login": "ML-LAGER-TERM-01", "phone": nue + "90"},
        {"login": "ML-LAGER-TERM-02", "phone": nue + "91", "enabled": False},
    ]
    settings = [
        ("usermanager.mode", "int", "1"),
        ("usermanager.ad.domain", "text", "mueller-logistik.local"),
        ("usermanager.ad.hostName", "text", "dc01.mueller-logistik.local"),
        ("usermanager.ad.hostPort", "int", "636"),
        ("usermanager.ad.baseDnUsers", "text", f"OU=Benutzer,{ad['base']}"),
        ("usermanager.ad.baseDnGroups", "text", f"OU=Gruppen,{ad['base']}"),
        ("usermanager.ad.baseDnComputers", "text", f"OU=Computer,{ad['base']}"),
        ("usermanager.ad.bindUser", "text", "svc-procall@mueller-logistik.local"),
        ("usermanager.ad.bindPassword", "secret", "Mü11er-AD!bind2026"),
        ("usermanager.presenceDomains", "list", f"{domain};mueller-logistik.local"),
        ("usermanager.autoBindFirstLine", "bool", "true"),
        ("usermanager.autoBindSecondLine", "bool", "false"),
        ("usermanager.phoneNumberFormat", "text", "+49 (89) 767-###"),
        ("rights.global.chat", "bool", "1"),
        ("rights.global.journalOwnCalls", "bool", "1"),
        ("monitor.everyoneSeesEveryone", "bool", "0"),
        ("contentsharing.enabled", "bool", "1"),
        ("contentsharing.fileLocation", "text", r"\\ml-fs01.mueller-logistik.local\ProCall$\ContentSharing"),
        ("contentsharing.capacityMB", "int", "10240"),
        ("contentsharing.maxFileSizeMB", "int", "25"),
        ("contentsharing.blockedExtensions", "list", "exe;bat;cmd;ps1;vbs"),
        ("contentsharing.deleteAfterDays", "int", "90"),
        ("chat.deleteAfterDays", "int", "180"),
        ("journal.deleteAfterDays", "int", "365"),
        ("journal.recordInternalCalls", "bool", "0"),
        ("mail.smtpServer", "text", "mail.mueller-logistik.local"),
        ("mail.smtpPort", "int", "25"),
        ("mail.sender", "text", f"procall@{domain}"),
        ("logging.level", "text", "warning"),
        ("logging.maxFileSizeMB", "int", "100"),
        ("logging.archiveOldLogs", "bool", "1"),
        ("logging.retentionHours", "int", "168"),
        ("diagnostics.fullMemoryDumps", "bool", "1"),
        ("database.engine", "text", "mssql"),
        ("database.server", "text", r"sql01.mueller-logistik.local\PROCALL"),
        ("database.databaseName", "text", "UCServerJournal"),
        ("database.login", "text", "ucserver_journal"),
        ("database.password", "secret", "Sql#Journal-77"),
        ("network.ctiPort", "int", "7222"),
        ("network.bindAddress", "text", ""),
        ("mediaserver.enabled", "bool", "0"),
        ("clientupdate.enabled", "bool", "1"),
    ]
    licenses = [("PCE8-USR-ML77-3Q9D-0050", "user", "50"), ("PCE8-USR-ML77-8K2P-0025", "user", "25"),
                ("PCE8-SRV-ML77-1B4C-0001", "server", "1")]
    locs = [
        {"name": "München", "cc": "49", "city": "89", "local": "767", "ext_from": "200", "ext_to": "299",
         "rules": [(r"^(2[0-9][0-9])$", r"+4989767\1", "0")]},
        {"name": "Nürnberg", "cc": "49", "city": "911", "local": "33210", "ext_from": "30", "ext_to": "99",
         "rules": [(r"^([3-9][0-9])$", r"+4991133210\1", "0"), (r"^0(.*)$", r"\1", "1")]},
    ]
    by = {u["user"]: u for u in users}
    cc_users = [names[i] for i in (0, 1, 5, 6, 7, 9, 14, 28, 30, 33)]
    files = {
        "manifest.xml": x.encode(x.manifest("ucs-mue-01.mueller-logistik.local", "8.5.2.1234", "2026-10-05T17:42:10Z", True), "utf8"),
        "config/ucserver.xml": x.encode(x.ucserver(settings, licenses), "utf8"),
        "config/locations.xml": x.encode(x.locations(locs), "utf8bom"),
        "config/lines.xml": x.encode(x.lines_xml([
            {"name": "ECSTA OpenScape Business München", "kind": "ECSTA", "location": "München", "lines": ecsta},
            {"name": "TAPI Panasonic Lager Nürnberg", "kind": "TAPI", "location": "Nürnberg", "journal_all": "0", "lines": tapi},
        ]), "utf8"),
        "users.xml": x.encode(x.users_xml(users), "utf8"),
        "groups.xml": x.encode(x.groups_xml(groups), "utf8"),
        "computers.xml": x.encode(x.computers_xml(computers), "utf8"),
        "database/journal.db": x.dummy_db("mueller-journal", 8192),
        "Export-Protokoll.txt": "Datenexport ucs-mue-01, 05.10.2026 19:42, alle Benutzer inkl. inaktive\r\n".encode("utf-8"),
    }
    clientupdate_files(files, r"\\ml-fs01.mueller-logistik.local\ProCall$\ClientUpdate", "8.5.2.1234", "utf8")
    for k, name in enumerate(cc_users):
        others = [u["sip"] for u in users if u["user"] != name][k: k + 3]
        mon = [by[m]["sip"] for m in names[6:10] if m != name] if k % 2 == 0 else []
        files[f"config/users/{name}_clientcontent.xml"] = x.encode(x.clientcontent(1728150000000 + k * 1000, others, mon), "utf8")
    out = os.path.join(SAMPLES, "mueller-logistik", "exports", "ucs-mue-01")
    shutil.rmtree(out, ignore_errors=True)
    x.write_folder(out, files)
    write_csv(os.path.join(SAMPLES, "mueller-logistik", "home-servers.csv"),
              [(names[20], "dc-ml-02"), (names[28], "dc-ml-02"), (names[29], "dc-ml-02"), (names[0], "dc-ml-01")])


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("userName,server\n")
        for r in rows:
            f.write(",".join(r) + "\n")


# ---- Alpen-Handel GmbH: Berlin, München, Wien ---------------------------------------------------

AH_AD_BASE = "OU=AlpenHandel,DC=alpen-handel,DC=local"
AH_BIND_PASSWORD = "Alp3n!Bind#2026"
AH_DUP_LICENSE = ("PCE8-USR-AH00-DUPL-7788", "user", "25")  # present in Berlin and Wien


def ah_settings(file_location, chat_days, ese, local):
    common = [
        ("usermanager.mode", "int", "1"),
        ("usermanager.ad.domain", "text", "alpen-handel.local"),
        ("usermanager.ad.hostName", "text", "ad.alpen-handel.local"),
        ("usermanager.ad.hostPort", "int", "389"),
        ("usermanager.ad.baseDnUsers", "text", f"OU=Users,{AH_AD_BASE}"),
        ("usermanager.ad.baseDnGroups", "text", f"OU=Groups,{AH_AD_BASE}"),
        ("usermanager.ad.baseDnComputers", "text", f"OU=Computers,{AH_AD_BASE}"),
        ("usermanager.ad.bindUser", "text", r"ALPEN\svc-procall"),
        ("usermanager.ad.bindPassword", "secret", AH_BIND_PASSWORD),
        ("usermanager.presenceDomains", "list", "alpen-handel.de;alpen-handel.at"),
        ("usermanager.autoBindFirstLine", "bool", "1"),
        ("rights.global.chat", "bool", "1"),
        ("rights.global.screenSharing", "bool", "0"),
        ("monitor.everyoneSeesEveryone", "bool", ese),
        ("contentsharing.enabled", "bool", "1"),
        ("contentsharing.fileLocation", "text", file_location),
        ("contentsharing.maxFileSizeMB", "int", "25"),
        ("contentsharing.deleteAfterDays", "int", "60"),
        ("chat.deleteAfterDays", "int", chat_days),
        ("journal.deleteAfterDays", "int", "365"),
        ("mail.smtpServer", "text", "smtp.alpen-handel.de"),
        ("mail.smtpPort", "int", "587"),
        ("mail.sender", "text", "procall@alpen-handel.de"),
    ]
    return common + local


def alpen():
    domain_de, domain_at = "alpen-handel.de", "alpen-handel.at"
    root = os.path.join(SAMPLES, "alpen-handel", "exports")
    shutil.rmtree(root, ignore_errors=True)

    # Berlin: 22 users, ECSTA Avaya; local file-share path; locations.xml with UTF-8 BOM
    ber_base = "+49302060"
    ad = {"base": AH_AD_BASE, "ou": "Berlin,OU=Users"}
    ber_users, ber_lines = site(people(22, DE_FIRST, DE_LAST, 17), ber_base, 100, domain_de, ad, {
        0: {"profile": "Geschäftsführung", "secondary": 199},
        1: {"profile": "Geschäftsführung"},
        2: {"monitors": [0, 1]},
        4: {"monitors": [5, 6, 7, ber_base + "0"]},
        10: {"disabled": True},
        21: {"noline": True, "email": ""},
    })
    ber_lines = [line(ber_base + "0", ber_base, "Zentrale Berlin", trunk="1")] + ber_lines
    ber_lines += [line(ber_base + "150", ber_base, "Konferenzraum Spree"), line(ber_base + "151", ber_base, "Lager PC Berlin")]
    n = [u["user"] for u in ber_users]
    ber_groups = [
        {"name": "Geschäftsführung", "sip": f"sip:gf@{domain_de}", "leader": n[0], "coleader": n[1], "members": n[0:3]},
        {"name": "Vertrieb Berlin", "sip": f"sip:vertrieb.berlin@{domain_de}", "leader": n[4], "coleader": n[5], "members": n[4:12]},
        {"name": "Kundenservice Berlin", "sip": f"sip:service.berlin@{domain_de}", "leader": n[12], "members": n[12:22]},
    ]
    ber_comp = [{"login": "AH-BER-KONF-01", "phone": ber_base + "150"}, {"login": "AH-BER-LAGER-01", "phone": ber_base + "151"}]
    ber_local = [("logging.level", "text", "info"), ("logging.maxFileSizeMB", "int", "50"), ("logging.retentionHours", "int", "336"),
                 ("diagnostics.fullMemoryDumps", "bool", "0"), ("database.engine", "text", "mssql"),
                 ("database.server", "text", "sql-ber.alpen-handel.local"), ("database.databaseName", "text", "UCJournalBER"),
                 ("database.login", "text", "ucjournal"), ("database.password", "secret", "Ber-Journal!42"),
                 ("network.ctiPort", "int", "7222"), ("mediaserver.enabled", "bool", "1"),
                 ("mediaserver.host", "text", "ms-ber.alpen-handel.de"), ("clientupdate.enabled", "bool", "1")]
    write_ah_export(os.path.join(root, "ucs-ber-01.alpen-handel.de"), "ucs-ber-01.alpen-handel.de", "8.5.2.1234",
                    "2026-10-06T06:30:00Z", True,
                    ah_settings(r"D:\ProCall\Share", "90", "0", ber_local),
                    [("PCE8-USR-AH01-B3RL-0100", "user", "100"), AH_DUP_LICENSE, ("PCE8-SRV-AH01-B3RL-0001", "server", "1")],
                    [AH_LOC["Berlin"]], ("ECSTA Avaya IP Office Berlin", "ECSTA", "Berlin", ber_lines),
                    ber_users, ber_groups, ber_comp, [0, 2, 4, 12, 21], "utf8", loc_enc="utf8bom",
                    extra={"database/journal.db": x.dummy_db("ah-ber-journal", 4096), "database/chat.db": x.dummy_db("ah-ber-chat", 2048)})

    # München: 18 users, SIP; monitor.everyoneSeesEveryone=1; defines Berlin's location too (identically)
    muc_base = "+498954321"
    ad = {"base": AH_AD_BASE, "ou": "Muenchen,OU=Users"}
    muc_users, muc_lines = site(people(18, DE_FIRST, DE_LAST, 29), muc_base, 300, domain_de, ad, {
        0: {"profile": "Niederlassungsleitung"},
        3: {"monitors": [0, 1, 2]},
        8: {"disabled": True},
        15: {"disabled": True},
        16: {"secondary": 399},
    })
    muc_lines = [line(muc_base + "0", muc_base, "Zentrale München", trunk="1"), line(muc_base + "9", muc_base, "Fax-Gateway", trunk="1", journal="0")] + muc_lines
    muc_lines.append(line(muc_base + "380", muc_base, "Wareneingang PC"))
    n = [u["user"] for u in muc_users]
    muc_groups = [
        {"name": "Einkauf München", "sip": f"sip:einkauf.muenchen@{domain_de}", "leader": n[0], "coleader": n[1], "members": n[0:9]},
        {"name": "Lager München", "sip": f"sip:lager.muenchen@{domain_de}", "leader": n[9], "ese": "1", "members": n[9:18]},
    ]
    muc_local = [("logging.level", "text", "debug"), ("logging.maxFileSizeMB", "int", "200"), ("logging.keepFiles", "int", "30"),
                 ("database.engine", "text", "sqlite"), ("database.filePath", "text", r"E:\UCServer\database"),
                 ("network.ctiPort", "int", "7222"), ("network.httpPort", "int", "7224"), ("clientupdate.enabled", "bool", "0"),
                 ("voicemail.greetingPath", "text", r"E:\UCServer\voicemail")]
    write_ah_export(os.path.join(root, "ucs-muc-01.alpen-handel.de"), "ucs-muc-01.alpen-handel.de", "8.5.2.1234",
                    "2026-10-06T06:45:00Z", True,
                    ah_settings(r"\\ah-fs-muc.alpen-handel.local\procall$\share", "90", "1", muc_local),
                    [("PCE8-USR-AH02-MUC8-0050", "user", "50"), ("PCE8-SRV-AH02-MUC8-0001", "server", "1")],
                    [AH_LOC["München"], AH_LOC["Berlin"]], ("SIP ProCall München", "SIP", "München", muc_lines),
                    muc_users, muc_groups, [{"login": "AH-MUC-WE-01", "phone": muc_base + "380"}], [0, 3, 9], "utf8",
                    extra={"config/custom/Kurzwahlen.csv": "Kurzwahl;Ziel\r\n10;+498954321300\r\n".encode("utf-8")})

    # Wien: 16 users, ECSTA Alcatel; every XML file UTF-16 LE with BOM and CRLF; no inactive users, no computers.xml
    vie_base = "+43153880"
    ad = {"base": AH_AD_BASE, "ou": "Wien,OU=Users"}
    vie_users, vie_lines = site(people(16, AT_FIRST, AT_LAST, 5), vie_base, 200, domain_at, ad, {
        0: {"profile": "Geschäftsführung"},
        1: {"monitors": [0, vie_base + "0"]},
        6: {"secondary": 299},
        12: {"noline": True},
    })
    vie_lines = [line(vie_base + "0", vie_base, "Zentrale Wien", trunk="1")] + vie_lines
    n = [u["user"] for u in vie_users]
    vie_groups = [
        {"name": "Verkauf Wien", "sip": f"sip:verkauf.wien@{domain_at}", "leader": n[0], "coleader": n[2], "members": n[0:10]},
        {"name": "Backoffice Wien", "sip": f"sip:backoffice.wien@{domain_at}", "leader": "", "members": n[10:16]},
    ]
    vie_local = [("logging.level", "text", "info"), ("logging.maxFileSizeMB", "int", "50"), ("logging.archiveOldLogs", "bool", "0"),
                 ("database.engine", "text", "sqlite"), ("database.filePath", "text", r"C:\ProgramData\estos\UCServer\database"),
                 ("network.ctiPort", "int", "7222"), ("mediaserver.enabled", "bool", "0")]
    write_ah_export(os.path.join(root, "ucs-vie-01.alpen-handel.at"), "ucs-vie-01.alpen-handel.at", "8.4.6.1811",
                    "2026-10-06T07:05:00Z", False,
                    ah_settings(r"\\ah-fs-vie.alpen-handel.local\procall$\share", "30", "0", vie_local),
                    [("PCE8-USR-AH03-W13N-0030", "user", "30"), AH_DUP_LICENSE, ("PCE8-SRV-AH03-W13N-0001", "server", "1")],
                    [AH_LOC["Wien"]], ("ECSTA Alcatel OXE Wien", "ECSTA", "Wien", vie_lines),
                    vie_users, vie_groups, None, [0, 1, 6, 12], "utf16")


AH_LOC = {
    "Berlin": {"name": "Berlin", "cc": "49", "city": "30", "local": "2060", "ext_from": "100", "ext_to": "199",
               "rules": [(r"^(1[0-9][0-9])$", r"+49302060\1", "0")]},
    "München": {"name": "München", "cc": "49", "city": "89", "local": "54321", "ext_from": "300", "ext_to": "399",
                "rules": [(r"^(3[0-9][0-9])$", r"+498954321\1", "0")]},
    "Wien": {"name": "Wien", "cc": "43", "city": "1", "local": "53880", "ext_from": "200", "ext_to": "299",
             "rules": [(r"^(2[0-9][0-9])$", r"+43153880\1", "0"), (r"^00(.*)$", r"+\1", "1")]},
}


def write_ah_export(path, server, version, exported_at, inactive, settings, licenses, locs, lg, users, groups, computers,
                    cc_idx, enc, loc_enc=None, extra=None):
    name, kind, location, lines = lg
    files = {
        "manifest.xml": x.encode(x.manifest(server, version, exported_at, inactive), enc),
        "config/ucserver.xml": x.encode(x.ucserver(settings, licenses), enc),
        "config/locations.xml": x.encode(x.locations(locs), loc_enc or enc),
        "config/lines.xml": x.encode(x.lines_xml([{"name": name, "kind": kind, "location": location, "lines": lines}]), enc),
        "users.xml": x.encode(x.users_xml(users), enc),
        "groups.xml": x.encode(x.groups_xml(groups), enc),
    }
    if computers is not None:
        files["computers.xml"] = x.encode(x.computers_xml(computers), enc)
    clientupdate_files(files, r"\\ah-fs01.alpen-handel.local\procall$\ClientUpdate", version, enc)
    for k, i in enumerate(cc_idx):
        u = users[i]
        favs = [v["sip"] for v in users if v is not u][k: k + 4]
        files[f"config/users/{u['user']}_clientcontent.xml"] = x.encode(x.clientcontent(1728190000000 + k * 7000, favs, favs[:1]), enc)
    files.update(extra or {})
    x.write_folder(path, files)


if __name__ == "__main__":
    mueller()
    alpen()
    print("wrote samples/mueller-logistik/exports and samples/alpen-handel/exports")
