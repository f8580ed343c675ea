#!/usr/bin/env python3
"""Rebuilds exports/ucs-kanzlei.zip byte for byte: the Kanzlei Huber sample (integrated user management).

Run: python3 samples/kanzlei-huber/make-zip.py   (expected counts: samples/README.md)
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import xmlgen as x  # noqa: E402

SERVER = "ucs-kanzlei.kanzlei-huber.de"
DOMAIN = "kanzlei-huber.de"
BASE = "+493081456"  # Berlin-Charlottenburg, extensions 10..59
MAIL_PASSWORD = "Kanzlei#Mail-2026!"


def num(ext: str) -> str:
    return BASE + ext


# (first, last, ext, profile, extra)
PEOPLE = [
    ("Maximilian", "Huber", "10", "Partner", {"display": "Dr. Huber, Maximilian"}),
    ("Sabine", "Huber-Weiß", "11", "Partner", {}),
    ("Jürgen", "Köhler", "12", "Standard", {"monitors": [num("10"), num("11")]}),
    ("Bärbel", "Großmann", "20", "Sekretariat", {"monitors": [num("10"), num("11"), num("12"), BASE + "0"]}),
    ("Björn", "Schäfer", "13", "Standard", {"secondary": num("50")}),
    ("Käthe", "Müßig", "14", "Standard", {"enabled": False}),
    ("Lena", "Fuchs", "", "", {"email": ""}),  # trainee: no line, no mail address, empty profile
    ("Sören", "Strauß", "15", "Standard", {}),
]


def users():
    out = []
    for first, last, ext, profile, extra in PEOPLE:
        name = f"{x.ascii_name(first)}.{x.ascii_name(last)}"
        if first == "Maximilian":
            name = "max.huber"
        u = {
            "user": name, "sip": f"sip:{name}@{DOMAIN}", "first": first, "last": last,
            "display": extra.get("display", f"{last}, {first}"),
            "email": extra.get("email", f"{name}@{DOMAIN}"), "profile": profile,
            "phone": num(ext) if ext else "", "secondary": extra.get("secondary", ""),
            "password": x.pbkdf2(name), "monitors": extra.get("monitors", []),
            "enabled": extra.get("enabled", True),
        }
        out.append(u)
    return out


def build() -> dict[str, bytes]:
    us = users()
    by = {u["user"]: u for u in us}
    tapi_lines = [{"number": BASE + "0", "ext": "0", "name": "Zentrale", "trunk": "1"}]
    tapi_lines += [{"number": u["phone"], "ext": u["phone"][len(BASE):], "name": u["display"]} for u in us if u["phone"]]
    tapi_lines.append({"number": num("21"), "ext": "21", "name": "Empfang PC", "journal": "0"})
    sip_lines = [{"number": num("50"), "ext": "50", "name": "Schäfer, Björn (Softphone)", "private": "1"}]
    settings = [
        ("usermanager.mode", "int", "0"),
        ("usermanager.presenceDomains", "list", DOMAIN),
        ("usermanager.autoBindFirstLine", "bool", "1"),
        ("usermanager.phoneNumberFormat", "text", ""),
        ("rights.global.chat", "bool", "1"),
        ("rights.global.presence", "bool", "true"),
        ("monitor.everyoneSeesEveryone", "bool", "1"),
        ("contentsharing.enabled", "bool", "1"),
        ("contentsharing.fileLocation", "text", r"C:\ProgramData\estos\UCServer\ContentSharing"),
        ("contentsharing.maxFileSizeMB", "int", "20"),
        ("chat.deleteAfterDays", "int", "365"),
        ("journal.deleteAfterDays", "int", "730"),
        ("mail.smtpServer", "text", f"smtp.{DOMAIN}"),
        ("mail.smtpPort", "int", "587"),
        ("mail.sender", "text", f"procall@{DOMAIN}"),
        ("mail.password", "secret", MAIL_PASSWORD),
        ("logging.level", "text", "info"),
        ("logging.maxFileSizeMB", "int", "50"),
        ("logging.keepFiles", "int", "10"),
        ("diagnostics.fullMemoryDumps", "bool", "0"),
        ("database.engine", "text", "sqlite"),
        ("database.filePath", "text", r"C:\ProgramData\estos\UCServer\database"),
        ("network.ctiPort", "int", "7222"),
        ("network.adminPort", "int", "7220"),
        ("clientupdate.enabled", "bool", "1"),
        ("presence.autoAwayMinutes", "int", "15"),  # unclassified: carried as local, with a warning
    ]
    licenses = [("PCE8-USR-KH01-4711-0010", "user", "10"), ("PCE8-SRV-KH01-4711-0001", "server", "1")]
    locs = [{"name": "Berlin", "cc": "49", "city": "30", "local": "81456", "ext_from": "10", "ext_to": "59",
             "rules": [(r"^([1-5][0-9])$", r"+493081456\1", "0")]}]
    groups = [
        {"name": "Partner", "sip": f"sip:partner@{DOMAIN}", "leader": "max.huber", "coleader": "sabine.huber-weiss",
         "members": ["max.huber", "sabine.huber-weiss", "juergen.koehler"]},
        {"name": "Sekretariat", "sip": f"sip:sekretariat@{DOMAIN}", "leader": "baerbel.grossmann", "coleader": "",
         "members": ["baerbel.grossmann", "lena.fuchs", "kaethe.muessig", "soeren.strauss"]},
        {"name": "Referendare (alt)", "sip": f"sip:referendare@{DOMAIN}", "enabled": False, "settings": "0", "members": []},
    ]
    computers = [{"login": "KH-EMPFANG-01", "phone": num("21")}]
    cc = {
        "max.huber": x.clientcontent(1727860000000, [by["sabine.huber-weiss"]["sip"], by["juergen.koehler"]["sip"]], [], "Partner"),
        "baerbel.grossmann": x.clientcontent(1727861234567, [by["max.huber"]["sip"]], [by["sabine.huber-weiss"]["sip"], by["juergen.koehler"]["sip"], by["soeren.strauss"]["sip"]]),
        "bjoern.schaefer": x.clientcontent(1727869999000, [by["lena.fuchs"]["sip"]], []),
    }
    log = ("2026-10-02 09:13:58 Datenexport gestartet (Benutzer: KANZLEI\\Administrator)\r\n"
           "2026-10-02 09:14:00 8 Benutzer, 3 Gruppen, 1 Computer exportiert\r\n"
           "2026-10-02 09:14:00 Datenexport beendet\r\n").encode("utf-8")
    files = {
        "manifest.xml": x.encode(x.manifest(SERVER, "8.4.6.1811", "2026-10-02T09:14:00Z", True), "utf8"),
        "config/ucserver.xml": x.encode(x.ucserver(settings, licenses), "utf8"),
        "config/locations.xml": x.encode(x.locations(locs), "utf8bom"),
        "config/lines.xml": x.encode(x.lines_xml([
            {"name": "TAPI Auerswald COMpact 5500R", "kind": "TAPI", "location": "Berlin", "lines": tapi_lines},
            {"name": "SIP Softphones Kanzlei", "kind": "SIP", "location": "Berlin", "auto": "0", "journal_all": "0", "lines": sip_lines},
        ]), "utf8"),
        "config/ClientUpdate.xml": x.encode(x.clientupdate(r"C:\ProgramData\estos\UCServer\ClientUpdate", "8.4.6.1811"), "utf8"),
    }
    # Written by a Windows tool: the users folder has a capital U (names are case-insensitive).
    for name in sorted(cc):
        files[f"config/Users/{name}_clientcontent.xml"] = x.encode(cc[name], "utf8")
    files["users.xml"] = x.encode(x.users_xml(us), "utf8")
    files["groups.xml"] = x.encode(x.groups_xml(groups), "utf8")
    files["computers.xml"] = x.encode(x.computers_xml(computers), "utf8")
    files["database/chat.db"] = x.dummy_db("kanzlei-chat", 3072)
    files["database/journal.db"] = x.dummy_db("kanzlei-journal", 4096)
    files["Datenexport.log"] = log
    return files


if __name__ == "__main__":
    x.write_zip(os.path.join(HERE, "exports", "ucs-kanzlei.zip"), build(), dirs=["config", "config/Users", "database"])
    print("wrote", os.path.join(HERE, "exports", "ucs-kanzlei.zip"))
