//! What Tend shows, in the user's own terms: content rendered with the partner's name and
//! pronouns and filtered by where the user stands, the support page for their country, and
//! the low-mood card.

use chrono::NaiveDate;

use super::Store;
use crate::assessment::{self, Assessment};
use crate::care::{self, CareCard};
use crate::contacts::{self, ContactRhythm};
use crate::error::Result;
use crate::prompts::{self, ShownPrompt};
use crate::settings::{FeelsSafe, Settings, Stance};
use crate::support::{self, SupportPage};
use crate::tone::{self, ToneCheck};
use crate::vision::{self, Exercise};
use crate::worksheet::{self, Worksheet};

impl Store {
    pub fn prompt_for(
        &self,
        date: NaiveDate,
        theme: Option<&str>,
        offset: usize,
    ) -> Result<ShownPrompt> {
        let settings = self.settings();
        let coaching = FeelsSafe::coaching(settings.feels_safe);
        let prompt = prompts::for_reader(date, theme, offset, settings.stance, coaching)?;
        Ok(prompts::show(prompt, &self.settings().voice()))
    }

    /// The worksheets for where the user stands, in their words; a worksheet already filled
    /// in stays listed whatever the stance.
    pub fn worksheets(&self) -> Vec<Worksheet> {
        let stance = self.settings().stance;
        let voice = self.settings().voice();
        worksheet::all()
            .iter()
            .filter(|w| Stance::admits(stance, &w.stances) || !self.fillings_of(&w.id).is_empty())
            .map(|w| voice.personalise(w))
            .collect()
    }

    /// One worksheet in the user's words, listed or not.
    pub fn worksheet(&self, id: &str) -> Result<Worksheet> {
        Ok(self.settings().voice().personalise(worksheet::find(id)?))
    }

    /// The vision exercises for where the user stands; one already written stays listed.
    pub fn exercises(&self) -> Vec<Exercise> {
        let stance = self.settings().stance;
        let voice = self.settings().voice();
        vision::all()
            .iter()
            .filter(|e| Stance::admits(stance, &e.stances) || self.vision(&e.id).is_some())
            .map(|e| voice.personalise(e))
            .collect()
    }

    pub fn assessment(&self) -> Assessment {
        self.settings()
            .voice()
            .personalise(assessment::definition())
    }

    pub fn check_tone(&self, draft: &str) -> Result<ToneCheck> {
        tone::check(draft, &self.settings().voice())
    }

    pub fn contact_rhythm(&self) -> ContactRhythm {
        let fillings = self.fillings_of(contacts::WORKSHEET);
        contacts::rhythm(&fillings, self.today(), &self.settings().voice())
    }

    /// The support page for `country`, else the one in Settings, else the system locale's.
    pub fn support_page(&self, country: Option<&str>) -> SupportPage {
        let chosen = country
            .map(str::to_string)
            .or_else(|| self.settings().country.clone())
            .or_else(support::country_from_locale);
        support::page(chosen.as_deref())
    }

    /// The care card, unless put away today: for several days at the lowest mood, or for
    /// words of despair in what she wrote or saved today, each as its switch in Settings says.
    pub fn care_card(&self) -> Option<CareCard> {
        let settings = self.settings();
        self.low_mood_card().or_else(|| {
            let away = settings.care_card_dismissed == Some(self.today());
            (!away && settings.care_reads_writing && self.wrote_despair_today())
                .then(care::writing_card)
        })
    }

    /// The card for low days alone: what the journal's opening figures carry, since it reads
    /// only the index. Reading today's writing waits for Today to ask ([`Store::care_card`]),
    /// so that the first use of the tone check (its model is trained then) never delays the
    /// first paint.
    pub fn low_mood_card(&self) -> Option<CareCard> {
        let settings = self.settings();
        let today = self.today();
        if !settings.low_mood_card || settings.care_card_dismissed == Some(today) {
            return None;
        }
        let moods = self
            .entry_metas()
            .into_iter()
            .filter_map(|m| Some((m.date, m.created, m.mood.as_ref()?.score)));
        care::card(care::low_mood_days(moods, today))
    }

    /// Whether an entry for today, or an entry or worksheet answer saved today, reads as
    /// despair. Only today's writing is read: a few documents, whatever the journal's size.
    fn wrote_despair_today(&self) -> bool {
        let today = self.today();
        let voice = self.settings().voice();
        let heavy = |text: &str| !tone::despair_in(text, &voice).is_empty();
        // Unsorted, straight from the map: this runs after every save.
        let entries = self
            .entry_metas_unsorted()
            .filter(|m| m.date == today || m.updated.date_naive() == today)
            .filter_map(|m| self.entry(&m.id).ok())
            .any(|entry| heavy(&entry.body));
        entries
            || worksheet::all().iter().any(|w| {
                self.fillings_of(&w.id)
                    .into_iter()
                    .filter(|f| f.updated.date_naive() == today)
                    .any(|f| f.answers.values().any(|v| answer_texts(v).any(heavy)))
            })
    }

    /// Puts the low-mood card away for today.
    pub fn dismiss_care_card(&mut self) -> Result<Settings> {
        let settings = Settings {
            care_card_dismissed: Some(self.today()),
            ..self.settings().clone()
        };
        self.save_settings(settings)
    }
}

/// The texts of one answer: a text field's string, or a list's items.
fn answer_texts(value: &serde_json::Value) -> impl Iterator<Item = &str> {
    let list: Vec<&str> = match value {
        serde_json::Value::String(text) => vec![text.as_str()],
        serde_json::Value::Array(items) => items.iter().filter_map(|i| i.as_str()).collect(),
        _ => Vec::new(),
    };
    list.into_iter()
}
