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
use crate::settings::{Settings, Stance};
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
        let prompt = prompts::for_date(date, theme, offset, self.settings().stance)?;
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

    /// The low-mood card, unless turned off in Settings or put away today.
    pub fn care_card(&self) -> Option<CareCard> {
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

    /// Puts the low-mood card away for today.
    pub fn dismiss_care_card(&mut self) -> Result<Settings> {
        let settings = Settings {
            care_card_dismissed: Some(self.today()),
            ..self.settings().clone()
        };
        self.save_settings(settings)
    }
}
