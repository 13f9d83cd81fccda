// Roster CSV loading: headers recognised whatever the information system
// calls them, RFC 4180 quoting, BOM and Windows-1252, and errors that name
// the row but never the row's content.
#include <catch2/catch.hpp>

#include "policycheck/roster.hpp"

using namespace policycheck;

namespace {

std::string error_of(const std::string& csv) {
  try {
    parse_roster(csv, "roster.csv");
  } catch (const RosterError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("roster headers are recognised case-insensitively under their usual names") {
  const Roster roster = parse_roster(
      "UPN,Legal Forename,Known As,Middle Name(s),LEGAL SURNAME,Year Group,Reg Group,Photo Consent\n"
      "A123,Alexander,Alex,James Peter,Kowalski,6,6B,Yes\n",
      "roster.csv");
  REQUIRE(roster.pupils.size() == 1);
  const Pupil& p = roster.pupils[0];
  CHECK(p.forename == "Alexander");
  CHECK(p.preferred == "Alex");
  CHECK(p.middle_names == std::vector<std::string>{"James", "Peter"});
  CHECK(p.surname == "Kowalski");
  CHECK(p.year == "6");
  CHECK(p.form == "6B");
  CHECK(p.publication_consent);
  CHECK(roster.has_consent_column);
}

TEST_CASE("other header spellings: first name, last name, family name, class, publish") {
  const Roster a = parse_roster("first_name,last_name,class,publish\nSam,Patel,3W,n\n", "a.csv");
  REQUIRE(a.pupils.size() == 1);
  CHECK(a.pupils[0].forename == "Sam");
  CHECK(a.pupils[0].surname == "Patel");
  CHECK(a.pupils[0].form == "3W");
  CHECK_FALSE(a.pupils[0].publication_consent);
  const Roster b = parse_roster("Given Name,Family Name,Form,Consent\nMia,Chen,7X,TRUE\n", "b.csv");
  CHECK(b.pupils[0].surname == "Chen");
  CHECK(b.pupils[0].publication_consent);
}

TEST_CASE("consent values: yes/no/y/n/true/false/1/0; blank means not given") {
  const Roster r = parse_roster(
      "Forename,Surname,Photo consent\nA,One,yes\nB,Two,no\nC,Three,Y\nD,Four,N\nE,Five,true\nF,Six,false\nG,Seven,\n",
      "r.csv");
  REQUIRE(r.pupils.size() == 7);
  const bool expected[] = {true, false, true, false, true, false, false};
  for (size_t i = 0; i < 7; ++i) CHECK(r.pupils[i].publication_consent == expected[i]);
}

TEST_CASE("without a consent column every pupil counts as consented (nothing to check)") {
  const Roster r = parse_roster("Forename,Surname\nAlex,Kowalski\n", "r.csv");
  CHECK_FALSE(r.has_consent_column);
  CHECK(r.pupils[0].publication_consent);
}

TEST_CASE("RFC 4180: quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF") {
  const Roster r = parse_roster(
      "Forename,Surname,Class\r\n\"Siobhan\",\"O'Brien\",\"5, Oak\"\r\nMary,Smith-Jones,\"4 \"\"Elm\"\"\nside\"\r\n",
      "r.csv");
  REQUIRE(r.pupils.size() == 2);
  CHECK(r.pupils[0].surname == "O'Brien");
  CHECK(r.pupils[0].form == "5, Oak");
  CHECK(r.pupils[1].forename == "Mary");
  CHECK(r.pupils[1].form == "4 \"Elm\"\nside");
}

TEST_CASE("a UTF-8 BOM is skipped and Windows-1252 is transcoded") {
  const Roster bom = parse_roster("\xEF\xBB\xBF" "Forename,Surname\nZo\xC3\xAB,Brennan\n", "r.csv");
  CHECK(bom.pupils[0].forename == "Zo\xC3\xAB");
  const Roster cp1252 = parse_roster("Forename,Surname\nZo\xEB,O\x92" "Brien\n", "r.csv");
  CHECK(cp1252.pupils[0].forename == "Zo\xC3\xAB");
  CHECK(cp1252.pupils[0].surname == "O\xE2\x80\x99" "Brien");
}

TEST_CASE("semicolon- and tab-separated exports are read too") {
  CHECK(parse_roster("Forename;Surname\nAlex;Kowalski\n", "r.csv").pupils[0].surname == "Kowalski");
  CHECK(parse_roster("Forename\tSurname\nAlex\tKowalski\n", "r.csv").pupils[0].surname == "Kowalski");
}

TEST_CASE("a roster without forename or surname column is refused, naming the accepted headers") {
  const std::string message = error_of("Name,Year\nAlex Kowalski,6\n");
  CHECK(message.find("roster.csv:1: row 1: no forename column") != std::string::npos);
  CHECK(message.find("no surname column") != std::string::npos);
  CHECK(message.find("legal forename") != std::string::npos);
  CHECK(message.find("Kowalski") == std::string::npos);
}

TEST_CASE("bad rows are named by row and line, never by content") {
  const std::string message = error_of(
      "Forename,Surname,Consent\n"
      "Alex,Kowalski,yes\n"
      "Secretname,,yes\n"
      "Hidden,Person,maybe\n"
      "Extra,Fields,yes,Leaky\n"
      "Digit7,Name,yes\n");
  CHECK(message.find("roster.csv:3: row 3: the surname is empty") != std::string::npos);
  CHECK(message.find("roster.csv:4: row 4: the consent column (3) must be") != std::string::npos);
  CHECK(message.find("row 5: has 4 fields but the header has 3") != std::string::npos);
  CHECK(message.find("row 6: the forename is not a name") != std::string::npos);
  for (const char* secret : {"Secretname", "Hidden", "Person", "maybe", "Leaky", "Digit7", "Kowalski"}) {
    CHECK(message.find(secret) == std::string::npos);
  }
}

TEST_CASE("an unterminated quote is reported with its row") {
  const std::string message = error_of("Forename,Surname\nAlex,Kowalski\n\"Sam,Patel\n");
  CHECK(message.find("row 3") != std::string::npos);
  CHECK(message.find("never closed") != std::string::npos);
  CHECK(message.find("Patel") == std::string::npos);
}

TEST_CASE("an empty roster file is an error; blank lines and a trailing delimiter are not") {
  CHECK(error_of("").find("empty") != std::string::npos);
  const Roster r = parse_roster("Forename,Surname\n\nAlex,Kowalski,\n\n", "r.csv");
  CHECK(r.pupils.size() == 1);
}

TEST_CASE("an unreadable roster file is an error naming the file") {
  try {
    load_roster("/nonexistent/roster.csv");
    FAIL("expected RosterError");
  } catch (const RosterError& e) {
    CHECK(std::string(e.what()).find("/nonexistent/roster.csv") != std::string::npos);
  }
}
