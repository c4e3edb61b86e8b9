// Package translit romanises personal and organisation names written in
// any script into plain lower-case ASCII Latin, the way sanctions lists
// (OFAC, UN, UK, EU) spell them, so that the matcher can compare a name
// written in Cyrillic, Arabic, Hangul or Chinese characters with the Latin
// spellings of the lists.
//
// Latin romanises one word, Text a whole string; Fold only strips the
// diacritics of Latin letters. ScriptOf and WordScript tell the script of a
// rune or a word, CyrillicLang and ArabicLang guess the language of
// Cyrillic and Arabic-script text, which changes the romanisation (г is g
// in Russian, h in Ukrainian; و is w in Arabic, v in Persian). HangulRR is
// the Revised Romanization of Korean for South Korean spellings.
//
// Each script has its own file naming the standard it follows: BGN/PCGN
// for Russian and Armenian, the Ukrainian national system of 2010,
// ELOT 743 for Greek, the Georgian national system of 2002,
// McCune–Reischauer as North Korean names are written on the lists,
// Hanyu Pinyin, passport Hepburn for kana, Hunterian for Devanagari and the
// Brahmic scripts of India, RTGS for Thai, and the common consonantal
// basis of ALA-LC and BGN/PCGN for Arabic and Hebrew. All give plain ASCII
// without diacritics or apostrophes. Scripts with no table here go through
// the go-unidecode tables.
//
// A name written in one script may transcribe a name of another language;
// Readings (whole names) and WordReadings (single words) read it that way:
// Hangul and katakana loanwords, Korean names in Russian Cyrillic, in
// Arabic, Persian or Hebrew letters and in Chinese characters (Sino-Korean
// readings from the Unicode Han Database), foreign names in Chinese
// transcription and in Greek, and Belarusian spellings of Russian names.
// The matcher offers each reading to the scorer beside the romanisation.
//
// Outputs contain only [a-z0-9] words separated by single spaces. Scripts
// written without spaces between name parts come back as several words:
// one per syllable for Hangul, one per character for Chinese; the Arabic
// article is a word of its own. Abjads (Arabic, Hebrew) written without
// vowel marks give consonant skeletons with long vowels ("محمد" → "mhmd"):
// Script.IsAbjad tells the matcher to compare such words by skeleton.
//
// The package has no mutable state: its tables are built once and only
// read, and every function is safe for concurrent use.
package translit
