package index

import (
	"fmt"
	"testing"

	"github.com/embargo/embargo/entity"
	"github.com/embargo/embargo/match"
)

// boundNames are names chosen to stress candidate filtering: initials on
// either side, particles and joins, repeated and very common parts, names
// written in several scripts, numbers, organisations.
var boundNames = []struct {
	name string
	typ  entity.Type
}{
	{"ABD AL-RAHMAN OULD MUHAMMAD AL-HUSAYN OULD MUHAMMAD SALIM", entity.Person},
	{"AL-HUMAYQANI, 'Abd al-Wahab Muhammad 'Abd al-Rahman", entity.Person},
	{"Abdulrahman Muhammad", entity.Person},
	{"Abdurrahman Mohammed Salim", entity.Person},
	{"Muhammad Muhammad", entity.Person},
	{"MOHAMMAD ABD-AL-MAJID", entity.Person},
	{"SAADI QADHAFI", entity.Person},
	{"ALQAHTANI, Saif Saad Q.", entity.Person},
	{"Michael Guest", entity.Person},
	{"Michael G. Grimm", entity.Person},
	{"J. R. Smith", entity.Person},
	{"John Robert Smith", entity.Person},
	{"Kim Jong Un", entity.Person},
	{"KIM, Jong-un", entity.Person},
	{"Kim Jongun", entity.Person},
	{"김정은", entity.Person},
	{"Ri Pyong Chol", entity.Person},
	{"리병철", entity.Person},
	{"Lavrov Sergei Viktorovich", entity.Person},
	{"Сергей Викторович Лавров", entity.Person},
	{"Serguei Lavrov", entity.Person},
	{"Vladimir Vladimirovich Putin", entity.Person},
	{"Владимира Путина", entity.Person},
	{"Maria Fernanda Castro Villa", entity.Person},
	{"Luis Fernando Castro Villa", entity.Person},
	{"Fernando Castro", entity.Person},
	{"Jean-Pierre de la Fontaine", entity.Person},
	{"Van Der Berg Jan", entity.Person},
	{"Osama bin Laden", entity.Person},
	{"Usama Bin Muhammad Bin Awad Bin Ladin", entity.Person},
	{"أسامة بن لادن", entity.Person},
	{"Gazprom Neft PJSC", entity.Organization},
	{"OOO Gazprom", entity.Organization},
	{"Central Bank of the Islamic Republic of Iran", entity.Organization},
	{"Bank Melli Iran", entity.Organization},
	{"Vessel No. 3", entity.Vessel},
	{"Vessel No. 5", entity.Vessel},
	{"Mi Lin Bo Hai 5", entity.Vessel},
	{"Tara Sen", entity.Person},
	{"Thura San", entity.Person},
}

// TestBound checks, for every pair of the names above, the facts candidate
// filtering rests on, against the aligner itself: the name score never
// exceeds bound; a name held to the single-part cap (reach) never scores
// above it; and a name covers at least the query parts match.MinCovered
// says its score needs.
func TestBound(t *testing.T) {
	ents := make([]*entity.Entity, len(boundNames))
	for i, n := range boundNames {
		ents[i] = &entity.Entity{ID: fmt.Sprint(i), Type: n.typ}
		ents[i].AddName(entity.Name{Full: n.name, Kind: entity.Primary})
	}
	ix := Build(ents)
	for _, qn := range boundNames {
		q := match.Analyze(match.Query{Names: []string{qn.name}, Type: qn.typ})
		for si := range q.Sides {
			qs := ix.prepare(&q.Sides[si], false)
			for nid := range uint32(len(ix.nameEntity)) {
				e := ix.entities[ix.nameEntity[nid]]
				ss := ix.nameSlots(nid)
				ns := ix.side(ss)
				ns.Org = e.Type == entity.Organization || e.Type == entity.Vessel || e.Type == entity.Aircraft
				a := match.Align(qs.side, &ns, func(qu, nu match.Unit) (float64, match.How) {
					return match.TokenSim(unitTok(qs.side, qu), unitTok(&ns, nu))
				})
				covered, capped := ix.reach(&qs, ss)
				b := ix.bound(&qs, ss, capped)
				what := fmt.Sprintf("%q (side %d) against %q", qn.name, si, e.Names[0].Full)
				if a.Score > b+1e-9 {
					t.Errorf("%s: name score %.4f above its bound %.4f", what, a.Score, b)
				}
				if capped && a.Score > match.SingleCap {
					t.Errorf("%s: name score %.4f above the single-part cap, but reach says capped", what, a.Score)
				}
				if need := qs.minCovered(a.Score); a.Score > 0 && covered < need {
					t.Errorf("%s: name score %.4f needs %d query parts covered, reach says %d", what, a.Score, need, covered)
				}
			}
		}
	}
}
