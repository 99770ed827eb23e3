//! What a package installs beside the program (issue 26): a manual page for `tend` and one for
//! each subcommand (clap_mangen), and the bash, zsh and fish completions (clap_complete), all
//! from the commands' own definitions, so they never fall behind them.

use std::path::Path;

use clap::Command;
use clap_complete::Shell;
use tend::IoContext;

/// Writes `man/tend.1`, `man/tend-<sub>.1` … and `completions/{tend.bash,_tend,tend.fish}`.
pub fn write(command: Command, dir: &Path) -> tend::Result<()> {
    let man = dir.join("man");
    let completions = dir.join("completions");
    for folder in [&man, &completions] {
        std::fs::create_dir_all(folder).at(folder)?;
    }
    let command = command
        .version(env!("CARGO_PKG_VERSION"))
        .display_name("tend");
    page(&command, &man.join("tend.1"))?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("tend-{}", sub.get_name());
        let sub = (sub.clone().name(name.clone()))
            .bin_name(format!("tend {}", sub.get_name()))
            .version(env!("CARGO_PKG_VERSION"));
        page(&sub, &man.join(format!("{name}.1")))?;
    }
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        clap_complete::generate_to(shell, &mut command.clone(), "tend", &completions)
            .at(&completions)?;
    }
    Ok(())
}

fn page(command: &Command, path: &Path) -> tend::Result<()> {
    let mut text = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut text)
        .at(path)?;
    std::fs::write(path, text).at(path)
}
