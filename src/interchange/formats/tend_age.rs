//! Tend JSON, encrypted with a passphrase in the age format: an export to carry or keep that
//! stays private. `age -d export.json.age > export.json` opens it (age asks for the passphrase),
//! and the result imports as Tend JSON.

use age::secrecy::ExposeSecret;

use super::tend_json::TendJson;
use super::{Descriptor, ExportContext, Exporter, Output};
use crate::error::{Error, Result};
use crate::selection::Selection;

pub const FORMAT: Descriptor = Descriptor::new(
    "tend-age",
    "Tend JSON, encrypted with a passphrase (age)",
    &["age"],
)
.exports(&TendAge);

pub struct TendAge;

impl Exporter for TendAge {
    fn export(&self, selection: &Selection, context: &ExportContext) -> Result<Output> {
        let passphrase = context.passphrase.as_ref().ok_or_else(|| {
            Error::invalid("An encrypted export needs a passphrase to encrypt it with.")
        })?;
        crate::crypt::check_passphrase(passphrase)?;
        let Output::File(plain) = TendJson.export(selection, context)? else {
            unreachable!("Tend JSON is one file")
        };
        let recipient = age::scrypt::Recipient::new(passphrase.expose_secret().to_string().into());
        age::encrypt(&recipient, &plain)
            .map(Output::File)
            .map_err(|e| Error::invalid(format!("the export could not be encrypted ({e})")))
    }
}
