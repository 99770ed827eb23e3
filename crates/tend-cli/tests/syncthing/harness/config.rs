//! What each Syncthing instance is told (its generated config.xml, rewritten), and a check of
//! what it made of it.

use std::fs;
use std::path::Path;

use serde_json::Value;

use super::{Link, Side, API_KEY, FOLDER};

impl Side {
    /// Rewrites the generated config.xml: loopback only, nothing announced, relayed, reported
    /// or upgraded, the other side known by its address, and the journal shared with it.
    pub(super) fn configure(&self, other: &Side) {
        let file = self.home.join("config.xml");
        let mut xml = fs::read_to_string(&file).unwrap();
        let listen = format!("tcp://127.0.0.1:{}", self.listen_port);
        for (option, value) in [
            ("listenAddress", listen.as_str()),
            ("globalAnnounceEnabled", "false"),
            ("localAnnounceEnabled", "false"),
            ("relaysEnabled", "false"),
            ("natEnabled", "false"),
            ("urAccepted", "-1"),
            ("autoUpgradeIntervalH", "0"),
            ("crashReportingEnabled", "false"),
            // STUN off (its server list stays "default": an empty element reads back as that).
            ("stunKeepaliveStartS", "0"),
            ("startBrowser", "false"),
            // A device paused and resumed is dialled again within this many seconds (5 is
            // Syncthing's least; it reads a smaller number as 5).
            ("reconnectionIntervalS", "5"),
            // Two cores: no reason to make Syncthing wait behind the build.
            ("setLowPriority", "false"),
        ] {
            xml = set_element(&xml, option, value);
        }
        let gui = format!(
            "<gui enabled=\"true\" tls=\"false\" debugging=\"false\">\n        \
             <address>127.0.0.1:{}</address>\n        <apikey>{API_KEY}</apikey>\n        \
             <theme>default</theme>\n    </gui>",
            self.gui_port
        );
        let (start, end) = (xml.find("<gui ").unwrap(), xml.find("</gui>").unwrap());
        xml.replace_range(start..end + "</gui>".len(), &gui);
        let shared = format!(
            "{}{}    <gui ",
            folder_xml(&self.journal, [&self.id, &other.id]),
            device_xml(other)
        );
        xml = xml.replacen("    <gui ", &shared, 1);
        fs::write(&file, xml).unwrap();
    }
}

impl Link {
    /// What Syncthing made of the config it was given: nothing reaches out, conflicts are kept.
    pub(super) fn check_config(&self) {
        for side in [&self.a, &self.b] {
            let options = side.get("/rest/config/options");
            for (option, wanted) in [
                ("globalAnnounceEnabled", Value::from(false)),
                ("localAnnounceEnabled", Value::from(false)),
                ("relaysEnabled", Value::from(false)),
                ("natEnabled", Value::from(false)),
                ("urAccepted", Value::from(-1)),
                ("autoUpgradeIntervalH", Value::from(0)),
                ("crashReportingEnabled", Value::from(false)),
                ("stunKeepaliveStartS", Value::from(0)),
            ] {
                assert_eq!(
                    options[option], wanted,
                    "side {}: Syncthing read {option} as {}, which would reach out of the \
                     machine",
                    side.name, options[option]
                );
            }
            let folder = side.get(&format!("/rest/config/folders/{FOLDER}"));
            assert_eq!(
                folder["maxConflicts"], 10,
                "side {}: without conflict copies a conflict silently loses a version",
                side.name
            );
        }
    }
}

/// Replaces the text of the one `<name>…</name>` element in Syncthing's generated config.
fn set_element(xml: &str, name: &str, value: &str) -> String {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    let start = xml
        .find(&open)
        .unwrap_or_else(|| panic!("the generated config.xml has no <{name}>"))
        + open.len();
    let end = start + xml[start..].find(&close).unwrap();
    format!("{}{value}{}", &xml[..start], &xml[end..])
}

/// The shared folder. Written by hand, a folder's options start at zero, not at Syncthing's
/// defaults: `maxConflicts` 0 would overwrite the older version with no conflict copy at all.
fn folder_xml(journal: &Path, devices: [&str; 2]) -> String {
    let devices: String = devices
        .iter()
        .map(|id| format!("        <device id=\"{id}\" introducedBy=\"\"></device>\n"))
        .collect();
    format!(
        r#"    <folder id="{FOLDER}" label="{FOLDER}" path="{}" type="sendreceive" rescanIntervalS="10" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
{devices}        <minDiskFree unit="%">1</minDiskFree>
        <versioning></versioning>
        <copiers>0</copiers>
        <pullerMaxPendingKiB>0</pullerMaxPendingKiB>
        <hashers>0</hashers>
        <order>random</order>
        <ignoreDelete>false</ignoreDelete>
        <scanProgressIntervalS>0</scanProgressIntervalS>
        <pullerPauseS>0</pullerPauseS>
        <maxConflicts>10</maxConflicts>
        <disableSparseFiles>false</disableSparseFiles>
        <disableTempIndexes>false</disableTempIndexes>
        <paused>false</paused>
        <weakHashThresholdPct>25</weakHashThresholdPct>
        <markerName>.stfolder</markerName>
        <copyOwnershipFromParent>false</copyOwnershipFromParent>
        <modTimeWindowS>0</modTimeWindowS>
        <maxConcurrentWrites>2</maxConcurrentWrites>
        <disableFsync>false</disableFsync>
        <blockPullOrder>standard</blockPullOrder>
        <copyRangeMethod>standard</copyRangeMethod>
        <caseSensitiveFS>false</caseSensitiveFS>
        <junctionsAsDirs>false</junctionsAsDirs>
    </folder>
"#,
        journal.display()
    )
}

/// The other side, known by its static loopback address (nothing is discovered).
fn device_xml(other: &Side) -> String {
    format!(
        r#"    <device id="{}" name="{}" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>tcp://127.0.0.1:{}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>
"#,
        other.id, other.name, other.listen_port
    )
}
