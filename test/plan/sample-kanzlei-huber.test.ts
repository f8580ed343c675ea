/**
 * The kanzlei-huber plan against an empty target as a consultant and a DBA read it first (one server on file-based users, moved to the mssql user store):
 * summary, per-server counts, destructive items, then the first change of each table
 * (`limit: 1`). Inline so a reviewer sees it beside the test; every row is in samples.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { renderPlanMarkdown, renderPlanText } from '../../src/plan/index.js';
import { samplePlan } from './sample-plan.js';

describe('kanzlei-huber: the plan as read', () => {
  it('text', async () => {
    expect(renderPlanText(await samplePlan('kanzlei-huber'), { color: false, limit: 1 })).toMatchInlineSnapshot(`
      "Plan: 75 to add, 0 to change, 0 to remove.
      Target: empty database

        Table                  add  change  remove
        dc.Environment           1       0       0
        dc.Server                1       0       0
        dc.Setting              29       0       0
        dc.Location              1       0       0
        dc.LocationRule          1       0       0
        dc.LineGroup             2       0       0
        dc.Line                 10       0       0
        dc.UserAccount           8       0       0
        dc.UserMonitorLine       6       0       0
        dc.UserGroup             3       0       0
        dc.UserGroupMember       7       0       0
        dc.Computer              1       0       0
        dc.License               2       0       0
        dc.ClientContent         3       0       0
        Total                   75       0       0

        Server            add  change  remove
        dc-kh-01           49       0       0
        (all servers)      26       0       0

      dc.Environment: 1 to add
        + 1
            Name="Kanzlei Huber – ProCall DataCenter", UserStore="mssql", Origin="project"

      dc.Server: 1 to add
        + dc-kh-01
            Fqdn="dc-kh-01.kanzlei-huber.de", Role="ucserver", Site="Berlin", MaxUsers=25, Origin="project"

      dc.Setting: 29 to add
        + global / chat.deleteAfterDays
            Type="int", Value="365", Origin="ucs-kanzlei.kanzlei-huber.de"
        … and 28 more (--limit all shows every one)

      dc.Location: 1 to add
        + Berlin
            CountryCode="49", CityCode="30", LocalNumber="81456", ExtFrom="10", ExtTo="59", Origin="ucs-kanzlei.kanzlei-huber.de"

      dc.LocationRule: 1 to add
        + Berlin / 1
            Search="^([1-5][0-9])$", Replace="+493081456\\1", MatchReplace=false, Origin="ucs-kanzlei.kanzlei-huber.de"

      dc.LineGroup: 2 to add
        + SIP Softphones Kanzlei  @ dc-kh-01
            Kind="SIP", LocationName="Berlin", ManagementServer="dc-kh-01", CreateLinesAutomatically=false, JournalAllLines=false, Origin="ucs-kanzlei.kanzlei-huber.de"
        … and 1 more (--limit all shows every one)

      dc.Line: 10 to add
        + tel:+4930814560  @ dc-kh-01
            PhoneNumber="+4930814560", InternalNumber="0", Name="Zentrale", LineGroupName="TAPI Auerswald COMpact 5500R", ManagementServer="dc-kh-01", Trunk=true, Journal=true, Private=false, LocationName="Berlin", Origin="ucs-kanzlei.kanzlei-huber.de"
        … and 9 more (--limit all shows every one)

      dc.UserAccount: 8 to add
        + baerbel.grossmann  @ dc-kh-01
            SipUri="sip:baerbel.grossmann@kanzlei-huber.de", FirstName="Bärbel", LastName="Großmann", DisplayName="Großmann, Bärbel", Email="baerbel.grossmann@kanzlei-huber.de", Profile="Sekretariat", Enabled=true, PhoneNumber="+49308145620", HomeServer="dc-kh-01", Credential=(sensitive), Origin="ucs-kanzlei.kanzlei-huber.de"
        … and 7 more (--limit all shows every one)

      dc.UserMonitorLine: 6 to add
        + baerbel.grossmann / +4930814560  @ dc-kh-01
            Origin="ucs-kanzlei.kanzlei-huber.de"
        … and 5 more (--limit all shows every one)

      dc.UserGroup: 3 to add
        + Partner
            SipUri="sip:partner@kanzlei-huber.de", LeaderUserName="max.huber", CoLeaderUserName="sabine.huber-weiss", SettingsActive=true, EveryoneSeesEveryone=true, Enabled=true, Origin="ucs-kanzlei.kanzlei-huber.de"
        … and 2 more (--limit all shows every one)

      dc.UserGroupMember: 7 to add
        + Partner / juergen.koehler  @ dc-kh-01
            Origin="ucs-kanzlei.kanzlei-huber.de"
        … and 6 more (--limit all shows every one)

      dc.Computer: 1 to add
        + KH-EMPFANG-01  @ dc-kh-01
            PhoneNumber="+49308145621", HomeServer="dc-kh-01", Enabled=true, Origin="ucs-kanzlei.kanzlei-huber.de"

      dc.License: 2 to add
        + …0001
            Kind="server", Count=1, Origin="ucs-kanzlei.kanzlei-huber.de"
        … and 1 more (--limit all shows every one)

      dc.ClientContent: 3 to add
        + baerbel.grossmann  @ dc-kh-01
            ServerName="dc-kh-01", Content="<?xml version="1.0" encoding="UTF-8"?> <ClientContent u8sVe…", Revision=1727861234567, Origin="ucs-kanzlei.kanzlei-huber.de"
        … and 2 more (--limit all shows every one)
      "
    `);
  });

  it('markdown', async () => {
    expect(renderPlanMarkdown(await samplePlan('kanzlei-huber'), { limit: 1 })).toMatchInlineSnapshot(`
      "# Migration plan

      |  |  |
      |---|---|
      | Tool version | 0.0.0-test |
      | Project | \`samples/kanzlei-huber/procall-migrate.yaml\` (sha256 \`0000000000000000000000000000000000000000000000000000000000000000\`) |
      | Sources | ucs-kanzlei.kanzlei-huber.de (\`samples/kanzlei-huber/exports/ucs-kanzlei.zip\`, 0 files) |
      | Target | empty database |
      | Prune | no |
      | Plan digest | \`d2bce3290f4a403a3f00431c9034d6c616935a7f66bb6ab24975170f3edb5639\` |

      ## Summary

      **Plan: 75 to add, 0 to change, 0 to remove.**

      | Table | Add | Change | Remove |
      |---|---|---|---|
      | \`dc.Environment\` | 1 | 0 | 0 |
      | \`dc.Server\` | 1 | 0 | 0 |
      | \`dc.Setting\` | 29 | 0 | 0 |
      | \`dc.Location\` | 1 | 0 | 0 |
      | \`dc.LocationRule\` | 1 | 0 | 0 |
      | \`dc.LineGroup\` | 2 | 0 | 0 |
      | \`dc.Line\` | 10 | 0 | 0 |
      | \`dc.UserAccount\` | 8 | 0 | 0 |
      | \`dc.UserMonitorLine\` | 6 | 0 | 0 |
      | \`dc.UserGroup\` | 3 | 0 | 0 |
      | \`dc.UserGroupMember\` | 7 | 0 | 0 |
      | \`dc.Computer\` | 1 | 0 | 0 |
      | \`dc.License\` | 2 | 0 | 0 |
      | \`dc.ClientContent\` | 3 | 0 | 0 |
      | **Total** | 75 | 0 | 0 |

      ### Per server

      | Server | Add | Change | Remove |
      |---|---|---|---|
      | dc-kh-01 | 49 | 0 | 0 |
      | (all servers) | 26 | 0 | 0 |

      ### Destructive changes

      None: nothing is removed.

      ## dc.Environment

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | 1 |  | Name="Kanzlei Huber – ProCall DataCenter"<br>UserStore="mssql"<br>Origin="project" |

      ## dc.Server

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | dc-kh-01 | dc-kh-01 | Fqdn="dc-kh-01.kanzlei-huber.de"<br>Role="ucserver"<br>Site="Berlin"<br>MaxUsers=25<br>Origin="project" |

      ## dc.Setting

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | global / chat.deleteAfterDays |  | Type="int"<br>Value="365"<br>Origin="ucs-kanzlei.kanzlei-huber.de" |

      … and 28 more (see the JSON plan).

      ## dc.Location

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | Berlin |  | CountryCode="49"<br>CityCode="30"<br>LocalNumber="81456"<br>ExtFrom="10"<br>ExtTo="59"<br>Origin="ucs-kanzlei.kanzlei-huber.de" |

      ## dc.LocationRule

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | Berlin / 1 |  | Search="^(\\[1-5\\]\\[0-9\\])$"<br>Replace="+493081456\\1"<br>MatchReplace=false<br>Origin="ucs-kanzlei.kanzlei-huber.de" |

      ## dc.LineGroup

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | SIP Softphones Kanzlei | dc-kh-01 | Kind="SIP"<br>LocationName="Berlin"<br>ManagementServer="dc-kh-01"<br>CreateLinesAutomatically=false<br>JournalAllLines=false<br>Origin="ucs-kanzlei.kanzlei-huber.de" |

      … and 1 more (see the JSON plan).

      ## dc.Line

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | tel:+4930814560 | dc-kh-01 | PhoneNumber="+4930814560"<br>InternalNumber="0"<br>Name="Zentrale"<br>LineGroupName="TAPI Auerswald COMpact 5500R"<br>ManagementServer="dc-kh-01"<br>Trunk=true<br>Journal=true<br>Private=false<br>LocationName="Berlin"<br>Origin="ucs-kanzlei.kanzlei-huber.de" |

      … and 9 more (see the JSON plan).

      ## dc.UserAccount

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | baerbel.grossmann | dc-kh-01 | SipUri="sip:baerbel.grossmann@kanzlei-huber.de"<br>FirstName="Bärbel"<br>LastName="Großmann"<br>DisplayName="Großmann, Bärbel"<br>Email="baerbel.grossmann@kanzlei-huber.de"<br>Profile="Sekretariat"<br>Enabled=true<br>PhoneNumber="+49308145620"<br>HomeServer="dc-kh-01"<br>Credential=(sensitive)<br>Origin="ucs-kanzlei.kanzlei-huber.de" |

      … and 7 more (see the JSON plan).

      ## dc.UserMonitorLine

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | baerbel.grossmann / +4930814560 | dc-kh-01 | Origin="ucs-kanzlei.kanzlei-huber.de" |

      … and 5 more (see the JSON plan).

      ## dc.UserGroup

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | Partner |  | SipUri="sip:partner@kanzlei-huber.de"<br>LeaderUserName="max.huber"<br>CoLeaderUserName="sabine.huber-weiss"<br>SettingsActive=true<br>EveryoneSeesEveryone=true<br>Enabled=true<br>Origin="ucs-kanzlei.kanzlei-huber.de" |

      … and 2 more (see the JSON plan).

      ## dc.UserGroupMember

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | Partner / juergen.koehler | dc-kh-01 | Origin="ucs-kanzlei.kanzlei-huber.de" |

      … and 6 more (see the JSON plan).

      ## dc.Computer

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | KH-EMPFANG-01 | dc-kh-01 | PhoneNumber="+49308145621"<br>HomeServer="dc-kh-01"<br>Enabled=true<br>Origin="ucs-kanzlei.kanzlei-huber.de" |

      ## dc.License

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | …0001 |  | Kind="server"<br>Count=1<br>Origin="ucs-kanzlei.kanzlei-huber.de" |

      … and 1 more (see the JSON plan).

      ## dc.ClientContent

      | Action | Key | Server | Details |
      |---|---|---|---|
      | add | baerbel.grossmann | dc-kh-01 | ServerName="dc-kh-01"<br>Content="&lt;?xml version="1.0" encoding="UTF-8"?> &lt;ClientContent u8sVe…"<br>Revision=1727861234567<br>Origin="ucs-kanzlei.kanzlei-huber.de" |

      … and 2 more (see the JSON plan).
      "
    `);
  });
});
