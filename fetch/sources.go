package fetch

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
)

// EnvPullBase names a mirror every default URL is replaced with (tests,
// air-gapped installations with an internal mirror): source S's file F
// is fetched from $EMBARGO_PULL_BASE/S/F, e.g.
// http://mirror.local/lists/ofac/SDN.CSV. A --url override still wins.
const EnvPullBase = "EMBARGO_PULL_BASE"

// EnvToken is the environment variable holding the OpenSanctions API key
// (the --token flag overrides it).
const EnvToken = "EMBARGO_OPENSANCTIONS_TOKEN"

// File is one file of a source's list.
type File struct {
	// Name is the file's name once downloaded; the format is recognised
	// by content, the name only breaks ties.
	Name string
	// URL is the publisher's address for the file.
	URL string
}

// Spec describes where a source's list is published.
type Spec struct {
	// Name is the source's name ("ofac"), as the parser names it.
	Name string
	// Publisher and Page say who publishes the list and where they
	// describe it.
	Publisher, Page string
	// Files are the list's files, main file first. A multi-file list (the
	// OFAC CSV set) names its companions after the main file.
	Files []File
	// Formats are the formats the downloaded list may be in; anything
	// else is rejected.
	Formats []string
	// Default marks the sources `embargo pull` fetches when none is named,
	// and a first run fetches.
	Default bool
	// AnyName accepts a list whose parser gives another source name (FtM
	// and Senzing files name their own dataset).
	AnyName bool
	// NeedsToken marks a source that needs an API key (sent as
	// "Authorization: ApiKey TOKEN").
	NeedsToken bool
}

// Sources returns the publishers' lists embargo knows how to pull, with
// their official URLs.
func Sources() []Spec {
	return []Spec{
		{
			// US Treasury, Office of Foreign Assets Control: the SDN list
			// in the "legacy" CSV set, from the Sanctions List Service.
			// https://ofac.treasury.gov/sanctions-list-service
			Name: "ofac", Publisher: "US Treasury OFAC", Page: "https://ofac.treasury.gov/sanctions-list-service",
			Files: []File{
				{"SDN.CSV", "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV"},
				{"ADD.CSV", "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV"},
				{"ALT.CSV", "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV"},
				{"SDN_COMMENTS.CSV", "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV"},
			},
			Formats: []string{"ofac-csv", "ofac-xml", "ofac-advanced-xml"},
			Default: true,
		},
		{
			// UN Security Council Consolidated List, XML.
			// https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list
			Name: "un", Publisher: "UN Security Council", Page: "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list",
			Files:   []File{{"consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml"}},
			Formats: []string{"un-xml"},
			Default: true,
		},
		{
			// European Commission, Financial Sanctions Files (FSF), the
			// consolidated list of persons, groups and entities subject to
			// EU financial sanctions, XML 1.1. The token is the public one
			// the Commission publishes for anonymous downloads.
			// https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions
			Name: "eu", Publisher: "European Commission (FSF)",
			Page:    "https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions",
			Files:   []File{{"eu-fsf.xml", "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"}},
			Formats: []string{"eu-xml"},
			Default: true,
		},
		{
			// UK Foreign, Commonwealth & Development Office, UK Sanctions
			// List, XML.
			// https://www.gov.uk/government/publications/the-uk-sanctions-list
			Name: "uk", Publisher: "UK FCDO", Page: "https://www.gov.uk/government/publications/the-uk-sanctions-list",
			Files:   []File{{"UK-Sanctions-List.xml", "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"}},
			Formats: []string{"uk-xml", "uk-csv", "uk-ods"},
			Default: true,
		},
		{
			// US International Trade Administration, Consolidated
			// Screening List (Commerce, State and Treasury export screening
			// lists), CSV.
			// https://www.trade.gov/consolidated-screening-list
			Name: "csl", Publisher: "US ITA", Page: "https://www.trade.gov/consolidated-screening-list",
			Files:   []File{{"consolidated.csv", "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"}},
			Formats: []string{"csl-csv"},
			Default: true,
		},
		{
			// US Commerce, Bureau of Industry and Security, Denied Persons
			// List, tab-separated text.
			// https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/denied-persons-list
			Name: "dpl", Publisher: "US Commerce BIS",
			Page:    "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/denied-persons-list",
			Files:   []File{{"dpl.txt", "https://www.bis.doc.gov/dpl/dpl.txt"}},
			Formats: []string{"dpl-tsv"},
			Default: true,
		},
		{
			// OpenSanctions datasets in FollowTheMoney JSON lines (or
			// Senzing JSON), from the URL the user gives with --url
			// opensanctions=URL, with an API key.
			// https://www.opensanctions.org/docs/bulk/
			Name: "opensanctions", Publisher: "OpenSanctions", Page: "https://www.opensanctions.org/docs/bulk/",
			Files:      []File{{"entities.ftm.json", ""}},
			Formats:    []string{"ftm-json", "ftm-delta-json", "senzing-json"},
			AnyName:    true,
			NeedsToken: true,
		},
	}
}

// Lookup returns the spec of the named source.
func Lookup(name string) (Spec, bool) {
	for _, s := range Sources() {
		if s.Name == name {
			return s, true
		}
	}
	return Spec{}, false
}

// Names returns the names of the sources in Sources.
func Names() []string {
	var out []string
	for _, s := range Sources() {
		out = append(out, s.Name)
	}
	return out
}

// WithBase returns the spec with every file fetched from base/NAME/FILE
// (see EnvPullBase).
func (s Spec) WithBase(base string) Spec {
	base = strings.TrimRight(base, "/")
	files := slices.Clone(s.Files)
	for i := range files {
		files[i].URL = base + "/" + s.Name + "/" + files[i].Name
	}
	s.Files = files
	return s
}

// WithURL returns the spec with its main file fetched from u. For a
// multi-file list whose main file u names (the same base name, in any
// case: .../SDN.CSV), the companions are fetched from the same directory
// as u; any other u is a single-file list (OFAC's sdn.xml or
// sdn_advanced.xml instead of the CSV set), named after u's last path
// element.
func (s Spec) WithURL(u string) (Spec, error) {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return s, fmt.Errorf("--url %s=%s: not an http(s) URL", s.Name, u)
	}
	base := path.Base(p.Path)
	if len(s.Files) > 1 && strings.EqualFold(base, s.Files[0].Name) {
		files := slices.Clone(s.Files)
		dir := *p
		dir.RawQuery = ""
		for i := range files {
			if i == 0 {
				files[i].URL = u
				continue
			}
			dir.Path = path.Join(path.Dir(p.Path), files[i].Name)
			dir.RawPath = ""
			files[i].URL = dir.String()
		}
		s.Files = files
		return s, nil
	}
	name := s.Files[0].Name
	if base != "" && base != "/" && base != "." && strings.Contains(base, ".") {
		name = base
	}
	s.Files = []File{{Name: name, URL: u}}
	return s, nil
}

// URLs returns the spec's file URLs, main file first.
func (s Spec) URLs() []string {
	out := make([]string, len(s.Files))
	for i, f := range s.Files {
		out[i] = f.URL
	}
	return out
}
