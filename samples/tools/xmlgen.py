"""Shared helpers that write the sample exports (contract: shared/spec/enterprise-export.md).

The sample files are checked in; these scripts are how they were made, so a change to a sample
is a change here followed by a re-run (`python3 samples/tools/build-folders.py`,
`python3 samples/kanzlei-huber/make-zip.py`). Output is deterministic: no clock, no randomness.
"""
from __future__ import annotations

import hashlib
import os
import uuid
import zipfile
from xml.sax.saxutils import quoteattr

TRANSLIT = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "é": "e", "ı": "i"}
GUID_NS = uuid.UUID("6f1c2b1e-8d33-4d6e-9a4b-0c5e7e2a9d10")


def ascii_name(s: str) -> str:
    out = "".join(TRANSLIT.get(ch, ch) for ch in s).lower()
    return out.replace(" ", "-")


def guid(seed: str) -> str:
    return str(uuid.uuid5(GUID_NS, seed))


def pbkdf2(seed: str) -> str:
    """A fake but realistic-looking PBKDF2 hash (iterations$salt$hash)."""
    salt = hashlib.sha256(("salt:" + seed).encode()).hexdigest()[:24]
    h = hashlib.sha256(("hash:" + seed).encode()).hexdigest()
    return f"{{PBKDF2}}10000${salt}${h}"


def attrs(pairs) -> str:
    return " ".join(f"{k}={quoteattr(str(v))}" for k, v in pairs)


def el(name: str, pairs, children=None, indent: str = "  ") -> list[str]:
    """One element as lines; children are lists of lines, indented one level deeper."""
    head = f"{indent}<{name} {attrs(pairs)}".rstrip()
    if not children:
        return [head + "/>"]
    lines = [head + ">"]
    for c in children:
        lines.extend(c)
    lines.append(f"{indent}</{name}>")
    return lines


def doc(root: str, body: list[str], root_attrs=None) -> str:
    ra = (" " + attrs(root_attrs)) if root_attrs else ""
    if not body:
        return f"<{root}{ra}/>\n"
    return "\n".join([f"<{root}{ra}>", *body, f"</{root}>"]) + "\n"


def encode(text: str, encoding: str) -> bytes:
    """utf8 | utf8bom | utf16 (LE with BOM and CRLF, as a file edited on Windows)."""
    if encoding == "utf16":
        text = '<?xml version="1.0" encoding="UTF-16"?>\n' + text
        return b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le")
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + text
    raw = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + raw) if encoding == "utf8bom" else raw


# ---- file builders -------------------------------------------------------------------------

def manifest(server: str, version: str, exported_at: str, includes_inactive: bool) -> str:
    return f"<Export {attrs([('product', 'ProCall Enterprise'), ('version', version), ('server', server), ('exportedAt', exported_at), ('includesInactive', '1' if includes_inactive else '0')])}/>\n"


def ucserver(settings, licenses) -> str:
    s = [el("Setting", [("key", k), ("type", t), ("value", v)], indent="    ") for k, t, v in settings]
    lic = [el("License", [("key", k), ("type", t), ("count", c)], indent="    ") for k, t, c in licenses]
    body = ["  <Settings>", *[l for x in s for l in x], "  </Settings>",
            "  <Licenses>", *[l for x in lic for l in x], "  </Licenses>"]
    return doc("UCServerConfig", body)


def locations(locs) -> str:
    """locs: list of dict(name, cc, city, local, ext_from, ext_to, rules=[(search, replace, match)])."""
    body = []
    for loc in locs:
        rules = [el("Element", [("Search", s), ("Replace", r), ("MatchReplace", m)], indent="      ") for s, r, m in loc["rules"]]
        inner = [["    <InternalRules>", *[l for x in rules for l in x], "    </InternalRules>"]] if rules else [["    <InternalRules/>"]]
        body += el("location", [("name", loc["name"]), ("CountryCode", loc["cc"]), ("CityCode", loc["city"]),
                                ("LocalNumber", loc["local"]), ("ExtFrom", loc["ext_from"]), ("ExtTo", loc["ext_to"])], inner)
    return doc("locations", body)


def lines_xml(groups) -> str:
    """groups: list of dict(name, kind, location, auto, journal_all, lines=[dict(number, ext, name, trunk, journal, private)])."""
    body = []
    for g in groups:
        kids = [el("Line", [("u8sLineURI", "tel:" + ln["number"]), ("u8sInternalNumber", ln["ext"]), ("u8sLineName", ln["name"]),
                            ("bTrunk", ln.get("trunk", "0")), ("bJournal", ln.get("journal", "1")), ("bPrivate", ln.get("private", "0")),
                            ("location", g["location"])], indent="    ") for ln in g["lines"]]
        body += el("LineGroup", [("name", g["name"]), ("kind", g["kind"]), ("location", g["location"]),
                                 ("bCreateLinesAutomatically", g.get("auto", "1")), ("bJournalAllLines", g.get("journal_all", "1"))], kids)
    return doc("LineConfig", body)


def users_xml(users) -> str:
    body = []
    for u in users:
        kids = [el("MonitorLine", [("u8sPhoneNumber", n)], indent="    ") for n in u.get("monitors", [])]
        body += el("User", [
            ("iEnabled", "1" if u.get("enabled", True) else "0"), ("u8sUserName", u["user"]), ("u8sSIPURI", u["sip"]),
            ("u8sFirstName", u["first"]), ("u8sLastName", u["last"]), ("u8sDisplayName", u["display"]),
            ("u8sEMail", u["email"]), ("u8sProfile", u["profile"]), ("u8sPhoneNumber", u.get("phone", "")),
            ("u8sPhoneSecondary", u.get("secondary", "")), ("u8sPassword", u.get("password", "")),
            ("u8sDNPath", u.get("dn", "")), ("u8sSAMAccountName", u.get("sam", "")), ("u8sobjectGUID", u.get("guid", "")),
            ("u8sHomeServer", u.get("home", "")),
        ], kids)
    return doc("Users", body)


def groups_xml(groups) -> str:
    body = []
    for g in groups:
        kids = [el("Member", [("u8sUserName", m)], indent="    ") for m in g["members"]]
        body += el("Group", [("iEnabled", "1" if g.get("enabled", True) else "0"), ("u8sGroupName", g["name"]), ("u8sSIPURI", g["sip"]),
                             ("u8sGroupLeader", g.get("leader", "")), ("u8sGroupCoLeader", g.get("coleader", "")),
                             ("bGroupSettingsActive", g.get("settings", "1")), ("bEveryoneSeesEveryone", g.get("ese", "0"))], kids)
    return doc("Groups", body)


def computers_xml(computers) -> str:
    body = []
    for c in computers:
        body += el("Computer", [("iEnabled", "1" if c.get("enabled", True) else "0"), ("u8sComputerLogin", c["login"]),
                                ("u8sPhoneNumber", c.get("phone", "")), ("u8sPhoneSecondary", c.get("secondary", ""))])
    return doc("Computers", body)


def clientcontent(revision: int, favorites: list[str], monitor: list[str], team: str = "Team") -> str:
    fav_items = [el("Item", [("u8sID", f"i{i + 1}"), ("u8sPresenceID", p)], indent="      ") for i, p in enumerate(favorites)]
    mon_items = [el("Item", [("u8sID", f"m{i + 1}"), ("u8sPresenceID", p)], indent="      ") for i, p in enumerate(monitor)]
    body = el("GroupCluster", [("u8sID", "100"), ("u8sName", "Favoriten")],
              [el("Group", [("u8sID", "g:G779"), ("u8sName", team)], fav_items, indent="    ")])
    if mon_items:
        body += el("GroupCluster", [("u8sID", "101"), ("u8sName", "Monitor")],
                   [el("Group", [("u8sID", "g:G780"), ("u8sName", "Kollegen")], mon_items, indent="    ")])
    return doc("ClientContent", body, [("u8sVersion", "2"), ("u8sRevision", str(revision))])


def clientupdate(update_path: str, version: str, enabled: bool = True) -> str:
    body = el("UpdateService", [("bEnabled", "1" if enabled else "0"), ("u8sUpdatePath", update_path), ("bAutoInstall", "0"), ("iCheckIntervalHours", "24")])
    body += el("Package", [("u8sName", "ProCall 8 Enterprise"), ("u8sVersion", version), ("u8sFile", f"ProCall_8_Enterprise_{version}.msi"), ("u8sArch", "x64")])
    return doc("ClientUpdate", body)


def dummy_db(name: str, size: int = 2048) -> bytes:
    """SQLite header plus deterministic filler: looks like a file database, is not one."""
    head = b"SQLite format 3\x00"
    filler = hashlib.sha256(name.encode()).digest() * (size // 32)
    return (head + filler)[:size]


# ---- writing ---------------------------------------------------------------------------------

def write_folder(root: str, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = os.path.join(root, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


def write_zip(path: str, files: dict[str, bytes], dirs: list[str] = ()) -> None:
    """Deterministic ZIP: fixed timestamps, given order, Windows host, deflate."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    stamp = (2026, 10, 2, 9, 14, 0)
    with zipfile.ZipFile(path, "w") as z:
        for d in dirs:
            zi = zipfile.ZipInfo(d.rstrip("/") + "/", stamp)
            zi.create_system = 0
            zi.external_attr = 0x10
            z.writestr(zi, b"")
        for rel, data in files.items():
            zi = zipfile.ZipInfo(rel, stamp)
            zi.create_system = 0
            zi.external_attr = 0x20
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
