// Package ofacxml reads the two XML formats in which the US Treasury's
// Office of Foreign Assets Control (OFAC) publishes its Specially
// Designated Nationals (SDN) list and its Consolidated (non-SDN) list.
//
// # Classic SDN XML ("ofac-xml")
//
// sdn.xml and consolidated.xml, root <sdnList> in the namespace
// http://tempuri.org/sdnList.xsd (or, from the Sanctions List Service,
// https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML),
// as specified by OFAC's sdnList.xsd and its "SDN data specification"
// (https://ofac.treasury.gov/sdn-list-data-formats-data-schemas). Each
// <sdnEntry> becomes one entity, emitted as soon as it is read:
//
//   - uid → ID "ofac-<uid>" (the legacy CSV's ent_num), SourceIDs, and the
//     URL https://sanctionssearch.ofac.treas.gov/Details.aspx?id=<uid>;
//   - lastName / firstName → the primary name, written as the legacy CSV
//     writes it ("LASTNAME, Firstname" for people, the name alone for
//     organisations, vessels and aircraft), with Parts (Family, Given) for
//     people who have both; title → Positions; sdnType → Type (a type
//     OFAC has not used is kept as an organization and noted); remarks →
//     Remarks;
//   - akaList → names of kind a.k.a. / f.k.a. / n.k.a., Weak for the
//     "weak" category, in the same "LAST, First" form;
//   - programList → Programs; dateOfBirthList → BirthDates (partial,
//     "circa" and "1960 to 1965" dates); placeOfBirthList → BirthPlaces;
//     nationalityList / citizenshipList → ISO codes; addressList →
//     Addresses (Full as street, "city state postal code", country);
//   - idList → Identifiers (Passport, National ID No., Tax ID No.,
//     SWIFT/BIC, "Vessel Registration Identification" as IMO, MMSI,
//     "Digital Currency Address - XBT" as Crypto with its currency, ...),
//     with the issuing country (or the one the label implies: "Kenyan ID
//     No."). Note holds the label unless it is the plain name of the type
//     ("Passport", "MMSI"), a country name not understood, and the issue
//     and expiry dates as OFAC writes them ("issued 28 Oct 2008 expires 29
//     Oct 2013"). The idList items that are not documents go where the
//     model has a field: Gender → Gender, "Nationality of Registration" →
//     Countries (and a craft's flag), "Organization Established Date" and
//     "Aircraft Manufacture Date" → BirthDates, aircraft model and operator
//     → Vessel; sanctions information ("Secondary sanctions risk:",
//     "Additional Sanctions Information -", directive determinations) and
//     the rest go to Remarks as "label value", as OFAC writes them in the
//     CSV remarks;
//   - vesselInfo → Vessel (type, flag, owner, tonnage, GRT) and the call
//     sign as an identifier.
//
// Report.Published is publshInformation/Publish_Date (MM/DD/YYYY) in ISO
// form. A Record_Count that differs from the entries read is reported as a
// Problem. The classic format gives no designation date.
//
// # Advanced XML ("ofac-advanced-xml")
//
// sdn_advanced.xml and cons_advanced.xml, root <Sanctions> in the namespace
// https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML
// (formerly https://www.treasury.gov/ofac/DeltaFile/1.0 or the UN
// standard's http://www.un.org/sanctions/1.0), as specified by OFAC's
// ADVANCED_XML.xsd and "Advanced Sanctions List Standard" notes
// (https://ofac.treasury.gov/sdn-list-data-formats-data-schemas,
// sdn_advanced_notes.pdf). The file is a set of tables joined by
// identifiers:
//
//   - ReferenceValueSets give the text of every coded value (alias,
//     party, feature, document, date, relation and sanctions types,
//     countries with their ISO2 code, scripts, name-part types, lists,
//     legal bases);
//   - each DistinctParty (FixedRef → ID "ofac-<FixedRef>") has a Profile
//     (PartySubTypeID → Type), an Identity whose Aliases (AliasTypeID:
//     Name / A.K.A. / F.K.A. / N.K.A.; Primary; LowQuality → Weak) hold
//     DocumentedNames made of NamePartValues typed through the identity's
//     NamePartGroups (Last, First, Middle Name, Patronymic, Entity /
//     Vessel / Aircraft Name, ...), a ScriptID marking original-script
//     names (Script true), and Features (Birthdate, Place of Birth,
//     Nationality and Citizenship Country, Gender, Title, Location,
//     Vessel Flag / Call Sign / Type / Owner / Tonnage, Digital Currency
//     Address - XBT, Email Address, ...) whose versions carry a DatePeriod,
//     a VersionDetail (reference value or text) or a VersionLocation;
//   - Locations (address parts by LocPartType, country) are the values of
//     Location and country features;
//   - IDRegDocuments (type, number, issuing country, issue and expiry
//     dates, place and authority of issue, validity: "Fraudulent" is
//     noted) belong to an Identity;
//   - SanctionsEntries (one per profile and list) give the Programs (the
//     measures of type "Program"), the listing date (ListedOn: the
//     earliest EntryEvent of the party's SDN List entries, or of all its
//     entries in a file without SDN List entries), the other lists with
//     their dates, the legal basis and other measures (Remarks; the SDN
//     list's plain "Block" is implied and not repeated);
//   - ProfileRelationships are written into the remarks of the party they
//     start from ("Owned or Controlled By: NAME (ofac-123)"), since the
//     model has no links.
//
// Labels, identifier types and notes follow the legacy CSV parser
// (source/ofac), which reads the same OFAC labels from its remarks, so
// that one entry gives the same entity from the CSV set and from the
// classic XML, but for what only one format has: the CSV keeps its whole
// remarks text in Remarks and cannot separate city, region and postal
// code; the XML formats keep in Remarks only what the model has no field
// for.
//
// Names are written in the classic formats' "LAST, Given Middle
// Patronymic" form, so that the same party reads the same in every OFAC
// format; maiden names and matronymics join the family name (the classic
// files write "GARCIA LOPEZ" in lastName), nicknames the given names. Report.Published is DateOfIssue. A DistinctParty with
// DeltaAction="delete" (delta files) is listed in Report.Deleted.
//
// Memory: the tables a party needs can come after it (SanctionsEntries do),
// so the Advanced parser keeps every party, as compact records, until the
// document ends and emits the entities then. The real sdn_advanced.xml
// (about 100 MB, 18,000 parties) needs a few tens of MB; the classic parser
// holds one entry at a time.
//
// Both parsers stream the input with a small XML tokenizer of their own
// (faster than encoding/xml; the classic parser reads well over 30 MB/s).
// A record whose markup is broken is reported as a Problem and parsing
// resumes at the next record; a record without an identifier or a name is
// reported and left out; an input that is not the format, or is empty,
// fails with source.ErrNotList, and one that ends inside the document with
// source.ErrTruncated.
//
// No real OFAC XML file is kept with the project: the fixtures in testdata
// were written by hand from the published schemas (sdnList.xsd,
// ADVANCED_XML.xsd) and OFAC's format notes, with invented parties.
package ofacxml
