package names

import "strings"

// Legal-form classes. Two organisation names that differ only in their
// legal form are likely one company (lists are inconsistent about forms);
// forms of different classes are a mild sign of different companies.
const (
	LimitedLiability = "llc"         // LLC, Ltd, GmbH, OOO, TOV, S.R.L., sp. z o.o., B.V.
	JointStock       = "jsc"         // JSC, AG, S.A., PAO, OAO, ZAO, AO, S.p.A., N.V., PLC
	Corporation      = "corp"        // Inc., Corp., Co.
	Partnership      = "partnership" // LP, LLP, KG, OHG
	StateEnterprise  = "state"       // FGUP, GUP, state unitary enterprise
	Cooperative      = "coop"
	Trust            = "trust"
)

// legalForms maps a folded legal-form phrase to its class. Phrases are
// written as the transliteration of their original script gives them, so
// ООО, ОАО, ТОВ and their spelled-out forms are found after romanisation.
// Sources: ISO 20275 Entity Legal Forms (the common forms of the countries
// on sanctions lists) and the forms used on the OFAC, UN, EU and UK lists.
var legalForms = func() map[string]string {
	m := map[string]string{}
	add := func(class string, phrases ...string) {
		for _, p := range phrases {
			m[p] = class
		}
	}
	add(LimitedLiability,
		"llc", "l l c", "ltd", "limited", "ooo", "tov", "too", "gmbh", "sarl", "srl", "sro", "spzoo", "sp z o o", "sp zoo",
		"bv", "kft", "doo", "eood", "ood", "mchj", "pte", "pty", "pvt", "sdn bhd", "bhd", "llp", "ltda", "lda", "limitada",
		"limited liability company", "limited liability partnership", "limited company", "private limited company",
		"private limited", "co ltd", "company limited", "pte ltd", "pty ltd", "pvt ltd", "fzco", "fze", "fzc", "fz llc", "dmcc",
		"obshchestvo s ogranichennoy otvetstvennostyu", "obshchestvo s ogranichennoi otvetstvennostiu",
		"tovarystvo z obmezhenoyu vidpovidalnistyu", "tovarystvo z obmezhenoiu vidpovidalnistiu",
		"gesellschaft mit beschrankter haftung", "sociedad de responsabilidad limitada", "societa a responsabilita limitata",
		"societe a responsabilite limitee", "besloten vennootschap", "spolka z ograniczona odpowiedzialnoscia",
		"sociedade limitada", "sirketi", "ltd sti", "limited sirketi", "sherkat", "sharikat",
		// Chinese 有限公司, 有限责任公司 and Japanese 有限会社, Korean 유한회사,
		// one word per character or syllable as translit romanises them.
		"you xian gong si", "you xian ze ren gong si", "you xian hui she", "yu han hoe sa",
	)
	add(JointStock,
		"jsc", "ojsc", "cjsc", "pjsc", "ao", "oao", "zao", "pao", "jsco", "ag", "sa", "spa", "nv", "plc", "asa", "ab", "oy", "oyj",
		"kk", "pat", "prat", "ad", "dd", "as", "a s", "sas", "sae", "saog", "saoc", "psc", "qsc", "kjsc", "bsc", "tbk",
		"joint stock company", "open joint stock company", "closed joint stock company", "public joint stock company",
		"joint-stock company", "public limited company", "aktiengesellschaft", "societe anonyme", "sociedad anonima",
		"sociedade anonima", "societa per azioni", "naamloze vennootschap", "aktsionernoe obshchestvo",
		"otkrytoe aktsionernoe obshchestvo", "zakrytoe aktsionernoe obshchestvo", "publichnoe aktsionernoe obshchestvo",
		"aktsionernoye obshchestvo", "publichnoye aktsionernoye obshchestvo", "aktsionerne tovarystvo",
		"publichne aktsionerne tovarystvo", "pryvatne aktsionerne tovarystvo", "anonim sirketi", "as",
		"spolka akcyjna", "akciova spolecnost", "dionicko drustvo", "sa de cv", "s a de c v", "sab de cv",
		// Chinese 股份有限公司, Japanese 株式会社, Korean 주식회사.
		"gu fen you xian gong si", "gu fen gong si", "zhu shi hui she", "ju sik hoe sa", "chusik hoesa", "jusik hoesa",
	)
	add(Corporation,
		"inc", "incorporated", "corp", "corporation", "co", "cia", "cie", "company", "kabushiki kaisha", "kaisha",
		"yugen kaisha", "hf", "ehf", "corporacion",
	)
	add(Partnership, "lp", "kg", "ohg", "gbr", "snc", "sca", "scs", "limited partnership", "general partnership",
		"kommanditgesellschaft", "partnership", "gmbh co kg", "gmbh and co kg")
	add(StateEnterprise, "fgup", "gup", "mup", "fgbu", "fkp", "dp", "kp",
		"state unitary enterprise", "federal state unitary enterprise", "federalnoe gosudarstvennoe unitarnoe predpriyatie",
		"gosudarstvennoe unitarnoe predpriyatie", "state enterprise", "state owned enterprise", "derzhavne pidpryiemstvo",
		"unitary enterprise", "state company", "state corporation", "gosudarstvennaya korporatsiya", "goskorporatsiya",
		"derzhavna korporatsiia")
	add(Cooperative, "coop", "cooperative", "co op", "kooperativ", "cooperativa", "cooperative society")
	add(Trust, "trust", "foundation", "stiftung", "fundacion", "fondation", "fund")
	return m
}()

// maxLegalWords is the longest legal-form phrase in words.
var maxLegalWords = func() int {
	n := 0
	for p := range legalForms {
		n = max(n, strings.Count(p, " ")+1)
	}
	return n
}()

// LegalForm returns the class of a folded legal-form phrase, or "".
func LegalForm(phrase string) string { return legalForms[phrase] }
