/**
 * The alpen-handel plan against an empty target as a consultant and a DBA read it first (three sites: Berlin, München, Wien; UTF-16 and CRLF files; conflicts decided in the project):
 * summary, per-server counts, destructive items, then the first change of each table
 * (`limit: 1`). Inline so a reviewer sees it beside the test; every row is in samples.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { renderPlanMarkdown, renderPlanText } from '../../src/plan/index.js';
import { samplePlan } from './sample-plan.js';

describe('alpen-handel: the plan as read', () => {
  it('text', async () => {
    expect(renderPlanText(await samplePlan('alpen-handel'), { color: false, limit: 1 })).toMatchInlineSnapshot(`
      "Plan: 285 to add, 0 to change, 0 to remove.
      Target: empty database

        Table                  add  change  remove
        dc.Environment           1       0       0
        dc.Server                4       0       0
        dc.Setting              55       0       0
        dc.Location              3       0       0
        dc.LocationRule          4       0       0
        dc.LineGroup             3       0       0
        dc.Line                 64       0       0
        dc.UserAccount          56       0       0
        dc.UserMonitorLine      11       0       0
        dc.UserGroup             7       0       0
        dc.UserGroupMember      55       0       0
        dc.Computer              3       0       0
        dc.License               7       0       0
        dc.ClientContent        12       0       0
        Total                  285       0       0

        Server            add  change  remove
        dc-ah-ber-01       96       0       0
        dc-ah-ms-01         1       0       0
        dc-ah-muc-01       77       0       0
        dc-ah-vie-01       65       0       0
        (all servers)      46       0       0

      dc.Environment: 1 to add
        + 1
            Name="Alpen-Handel GmbH – ProCall DataCenter", UserStore="ad", Origin="project"

      dc.Server: 4 to add
        + dc-ah-ber-01
            Fqdn="dc-ah-ber-01.alpen-handel.de", Role="ucserver", Site="Berlin", MaxUsers=100, Origin="project"
        … and 3 more (--limit all shows every one)

      dc.Setting: 55 to add
        + global / chat.deleteAfterDays
            Type="int", Value="90", Origin="project"
        … and 54 more (--limit all shows every one)

      dc.Location: 3 to add
        + Berlin
            CountryCode="49", CityCode="30", LocalNumber="2060", ExtFrom="100", ExtTo="199", Origin="ucs-ber-01.alpen-handel.de"
        … and 2 more (--limit all shows every one)

      dc.LocationRule: 4 to add
        + Berlin / 1
            Search="^(1[0-9][0-9])$", Replace="+49302060\\1", MatchReplace=false, Origin="ucs-ber-01.alpen-handel.de"
        … and 3 more (--limit all shows every one)

      dc.LineGroup: 3 to add
        + ECSTA Alcatel OXE Wien  @ dc-ah-vie-01
            Kind="ECSTA", LocationName="Wien", ManagementServer="dc-ah-vie-01", CreateLinesAutomatically=true, JournalAllLines=true, Origin="ucs-vie-01.alpen-handel.at"
        … and 2 more (--limit all shows every one)

      dc.Line: 64 to add
        + tel:+431538800  @ dc-ah-vie-01
            PhoneNumber="+431538800", InternalNumber="0", Name="Zentrale Wien", LineGroupName="ECSTA Alcatel OXE Wien", ManagementServer="dc-ah-vie-01", Trunk=true, Journal=true, Private=false, LocationName="Wien", Origin="ucs-vie-01.alpen-handel.at"
        … and 63 more (--limit all shows every one)

      dc.UserAccount: 56 to add
        + alois.schoenauer  @ dc-ah-vie-01
            SipUri="sip:alois.schoenauer@alpen-handel.at", FirstName="Alois", LastName="Schönauer", DisplayName="Schönauer, Alois", Email="alois.schoenauer@alpen-handel.at", Profile="Standard", Enabled=true, PhoneNumber="+43153880212", HomeServer="dc-ah-vie-01", SamAccountName="aloisschoenauer", DnPath="CN=Schönauer\\, Alois,OU=Wien,OU=Users,OU=AlpenHandel,DC=alp…", ObjectGuid="2872c38f-c5ac-5009-9467-bfc9ea17ce26", Origin="ucs-vie-01.alpen-handel.at"
        … and 55 more (--limit all shows every one)

      dc.UserMonitorLine: 11 to add
        + baerbel.moeller / +498954321300  @ dc-ah-muc-01
            Origin="ucs-muc-01.alpen-handel.de"
        … and 10 more (--limit all shows every one)

      dc.UserGroup: 7 to add
        + Backoffice Wien
            SipUri="sip:backoffice.wien@alpen-handel.at", SettingsActive=true, EveryoneSeesEveryone=false, Enabled=true, Origin="ucs-vie-01.alpen-handel.at"
        … and 6 more (--limit all shows every one)

      dc.UserGroupMember: 55 to add
        + Backoffice Wien / alois.schoenauer  @ dc-ah-vie-01
            Origin="ucs-vie-01.alpen-handel.at"
        … and 54 more (--limit all shows every one)

      dc.Computer: 3 to add
        + AH-BER-KONF-01  @ dc-ah-ber-01
            PhoneNumber="+49302060150", HomeServer="dc-ah-ber-01", Enabled=true, Origin="ucs-ber-01.alpen-handel.de"
        … and 2 more (--limit all shows every one)

      dc.License: 7 to add
        + …0001
            Kind="server", Count=1, Origin="ucs-ber-01.alpen-handel.de"
        … and 6 more (--limit all shows every one)

      dc.ClientContent: 12 to add
        + baerbel.moeller  @ dc-ah-muc-01
            ServerName="dc-ah-muc-01", Content="<?xml version="1.0" encoding="UTF-8"?> <ClientContent u8sVe…", Revision=1728190007000, Origin="ucs-muc-01.alpen-handel.de"
        … and 11 more (--limit all shows every one)
      "
    `);
  });

  it('markdown', async () => {
    expect(renderPlanMarkdown(await samplePlan('alpen-handel'), { limit: 1 })).toMatchInlineSnapshot(`
      "# Migration plan

      |  |  |
      |---|---|
      | Tool version | 0.0.0-test |
      | Project | \`samples/alpen-handel/procall-migrate.yaml\` (sha256 \`0000000000000000000000000000000000000000000000000000000000000000\`) |
      | Sources | ucs-ber-01.alpen-handel.de (\`samples/alpen-handel/exports/ucs-ber-01.alpen-handel.de\`, 0 files)<br>ucs-muc-01.alpen-handel.de (\`samples/alpen-handel/exports/ucs-muc-01.alpen-handel.de\`, 0 files)<br>ucs-vie-01.alpen-handel.at (\`samples/alpen-handel/exports/ucs-vie-01.alpen-handel.at\`, 0 files) |
      | Target | empty database |
      | Prune | no |
      | Plan digest | \`f7ad3383ee3ab165b4e6a37abf9573b86b8550ee6bae16540a421bb5b9ac8a56\` |

      ## Summary

      **Plan: 285 to add, 0 to change, 0 to remove.**

      | Table | Add | Change | Remove |
      |---|---|---|---|
      | \`dc.Environment\` | 1 | 0 | 0 |
      | \`dc.Server\` | 4 | 0 | 0 |
      | \`dc.Setting\` | 55 | 0 | 0 |
      | \`dc.Location\` | 3 | 0 | 0 |
      | \`dc.LocationRule\` | 4 | 0 | 0 |
      | \`dc.LineGroup\` | 3 | 0 | 0 |
      | \`dc.Line\` | 64 | 0 | 0 |
      | \`dc.UserAccount\` | 56 | 0 | 0 |
      | \`dc.UserMonitorLine\` | 11 | 0 | 0 |
      | \`dc.UserGroup\` | 7 | 0 | 0 |
      | \`dc.UserGroupMember\` | 55 | 0 | 0 |
      | \`dc.Computer\` | 3 | 0 | 0 |
      | \`dc.License\` | 7 | 0 | 0 |
      | \`dc.ClientContent\` | 12 | 0 | 0 |
      | **Total** | 285 | 0 | 0 |

      ### Per server

      | Server | Add | Change | Remove |
      |---|---|---|---|
      | dc-ah-ber-01 | 96 | 0 | 0 |
      | dc-ah-ms-01 | 1 | 0 | 0 |
      | dc-ah-muc-01 | 77 | 0 | 0 |
      | dc-ah-vie-01 | 65 | 0 | 0 |
      | (all servers) | 46 | 0 | 0 |

      ### Destructive changes

      None: nothing is removed.

      ## dc.Environment

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | 1 |  | Name="Alpen-Handel GmbH – ProCall DataCenter"<br>UserStore="ad"<br>Origin="project" |

      ## dc.Server

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | dc-ah-ber-01 | dc-ah-ber-01 | Fqdn="dc-ah-ber-01.alpen-handel.de"<br>Role="ucserver"<br>Site="Berlin"<br>MaxUsers=100<br>Origin="project" |

      … and 3 more (see the JSON plan).

      ## dc.Setting

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | global / chat.deleteAfterDays |  | Type="int"<br>Value="90"<br>Origin="project" |

      … and 54 more (see the JSON plan).

      ## dc.Location

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | Berlin |  | CountryCode="49"<br>CityCode="30"<br>LocalNumber="2060"<br>ExtFrom="100"<br>ExtTo="199"<br>Origin="ucs-ber-01.alpen-handel.de" |

      … and 2 more (see the JSON plan).

      ## dc.LocationRule

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | Berlin / 1 |  | Search="^(1\\[0-9\\]\\[0-9\\])$"<br>Replace="+49302060\\1"<br>MatchReplace=false<br>Origin="ucs-ber-01.alpen-handel.de" |

      … and 3 more (see the JSON plan).

      ## dc.LineGroup

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | ECSTA Alcatel OXE Wien | dc-ah-vie-01 | Kind="ECSTA"<br>LocationName="Wien"<br>ManagementServer="dc-ah-vie-01"<br>CreateLinesAutomatically=true<br>JournalAllLines=true<br>Origin="ucs-vie-01.alpen-handel.at" |

      … and 2 more (see the JSON plan).

      ## dc.Line

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | tel:+431538800 | dc-ah-vie-01 | PhoneNumber="+431538800"<br>InternalNumber="0"<br>Name="Zentrale Wien"<br>LineGroupName="ECSTA Alcatel OXE Wien"<br>ManagementServer="dc-ah-vie-01"<br>Trunk=true<br>Journal=true<br>Private=false<br>LocationName="Wien"<br>Origin="ucs-vie-01.alpen-handel.at" |

      … and 63 more (see the JSON plan).

      ## dc.UserAccount

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | alois.schoenauer | dc-ah-vie-01 | SipUri="sip:alois.schoenauer@alpen-handel.at"<br>FirstName="Alois"<br>LastName="Schönauer"<br>DisplayName="Schönauer, Alois"<br>Email="alois.schoenauer@alpen-handel.at"<br>Profile="Standard"<br>Enabled=true<br>PhoneNumber="+43153880212"<br>HomeServer="dc-ah-vie-01"<br>SamAccountName="aloisschoenauer"<br>DnPath="CN=Schönauer\\\\, Alois,OU=Wien,OU=Users,OU=AlpenHandel,DC=alp…"<br>ObjectGuid="2872c38f-c5ac-5009-9467-bfc9ea17ce26"<br>Origin="ucs-vie-01.alpen-handel.at" |

      … and 55 more (see the JSON plan).

      ## dc.UserMonitorLine

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | baerbel.moeller / +498954321300 | dc-ah-muc-01 | Origin="ucs-muc-01.alpen-handel.de" |

      … and 10 more (see the JSON plan).

      ## dc.UserGroup

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | Backoffice Wien |  | SipUri="sip:backoffice.wien@alpen-handel.at"<br>SettingsActive=true<br>EveryoneSeesEveryone=false<br>Enabled=true<br>Origin="ucs-vie-01.alpen-handel.at" |

      … and 6 more (see the JSON plan).

      ## dc.UserGroupMember

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | Backoffice Wien / alois.schoenauer | dc-ah-vie-01 | Origin="ucs-vie-01.alpen-handel.at" |

      … and 54 more (see the JSON plan).

      ## dc.Computer

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | AH-BER-KONF-01 | dc-ah-ber-01 | PhoneNumber="+49302060150"<br>HomeServer="dc-ah-ber-01"<br>Enabled=true<br>Origin="ucs-ber-01.alpen-handel.de" |

      … and 2 more (see the JSON plan).

      ## dc.License

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | …0001 |  | Kind="server"<br>Count=1<br>Origin="ucs-ber-01.alpen-handel.de" |

      … and 6 more (see the JSON plan).

      ## dc.ClientContent

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | baerbel.moeller | dc-ah-muc-01 | ServerName="dc-ah-muc-01"<br>Content="&lt;?xml version="1.0" encoding="UTF-8"?> &lt;ClientContent u8sVe…"<br>Revision=1728190007000<br>Origin="ucs-muc-01.alpen-handel.de" |

      … and 11 more (see the JSON plan).
      "
    `);
  });
});
