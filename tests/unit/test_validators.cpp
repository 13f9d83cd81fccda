// Validators against published test vectors: python-stdnum's documented
// examples, ISO 13616 and card-scheme test numbers, the DVLA's example
// licence, and the worked examples in the personal-data reference sheet.
#include <catch2/catch.hpp>

#include <algorithm>

#include "policycheck/validators.hpp"

using namespace policycheck;

TEST_CASE("Luhn accepts card-scheme test numbers and rejects a changed digit", "[validators][luhn]") {
  // Published test card numbers (Visa, Mastercard, Amex, Discover).
  CHECK(luhn_valid("4111 1111 1111 1111"));
  CHECK(luhn_valid("5555-5555-5555-4444"));
  CHECK(luhn_valid("378282246310005"));
  CHECK(luhn_valid("6011111111111117"));
  CHECK_FALSE(luhn_valid("4111 1111 1111 1112"));
  CHECK_FALSE(luhn_valid("378282246310006"));
  // Reference sheet toy payload 27513 -> check digit 1; too short for a card.
  CHECK_FALSE(luhn_valid("275131"));
  CHECK_FALSE(luhn_valid("4111 1111 1111 111x"));
}

TEST_CASE("NHS numbers: mod 11 with weights 10..2", "[validators][nhs]") {
  // python-stdnum gb.nhs: validate('943-476-5870') passes, '9434765871' fails.
  CHECK(nhs_number_valid("943-476-5870"));
  CHECK_FALSE(nhs_number_valid("9434765871"));
  // Reference sheet: prefix 738 205 114 -> 5; 738 205 111 -> 0 (11 becomes 0).
  CHECK(nhs_number_valid("738 205 1145"));
  CHECK(nhs_number_valid("7382051110"));
  // Prefix 738 205 117 gives check 10: no completion is valid.
  for (char d = '0'; d <= '9'; ++d) CHECK_FALSE(nhs_number_valid(std::string("738205117") + d));
  // A swap of two adjacent digits is always caught.
  CHECK_FALSE(nhs_number_valid("738 205 1154"));
  CHECK_FALSE(nhs_number_valid("738 205 114"));
}

TEST_CASE("UPN: mod 23 check letter over positions 2-13", "[validators][upn]") {
  // python-stdnum gb.upn: validate('B801200005001') passes, 'A801200005001' fails.
  CHECK(upn_valid("B801200005001"));
  CHECK_FALSE(upn_valid("A801200005001"));
  // Reference sheet worked examples, permanent and temporary.
  CHECK(upn_valid("M370200119042"));
  CHECK(upn_valid("J37020011904A"));
  CHECK_FALSE(upn_valid("N370200119042"));
  CHECK_FALSE(upn_valid("J37020011904B"));
  // I, O and S are not in the alphabet.
  CHECK_FALSE(upn_valid("S370200119042"));
  CHECK_FALSE(upn_valid("M37020011904"));
}

TEST_CASE("IBAN: mod 97 after moving the first four characters", "[validators][iban]") {
  // python-stdnum iban examples.
  CHECK(iban_valid("GR16 0110 1050 0000 1054 7023 795"));
  CHECK(iban_valid("BE31435411161155"));
  CHECK_FALSE(iban_valid("GR1601101050000010547023796"));
  // ISO 13616 / ECBS examples.
  CHECK(iban_valid("GB29 NWBK 6016 1331 9268 19"));
  CHECK(iban_valid("GB82WEST12345698765432"));
  // Reference sheet worked example, also in lower case.
  CHECK(iban_valid("GB76 ABCD 0987 6524 6813 57"));
  CHECK(iban_valid("gb76abcd09876524681357"));
  CHECK_FALSE(iban_valid("GB77 ABCD 0987 6524 6813 57"));
  // GB IBANs are 22 characters.
  CHECK_FALSE(iban_valid("GB76ABCD0987652468135"));
}

TEST_CASE("National Insurance numbers: letter rules", "[validators][nino]") {
  CHECK(nino_valid("JX 47 29 18 B"));
  CHECK(nino_valid("ab123456c"));
  CHECK(nino_valid("JX-47-29-18-B"));
  CHECK_FALSE(nino_valid("AO 47 29 18 B"));  // O never second
  CHECK_FALSE(nino_valid("GB 47 29 18 B"));  // never allocated
  CHECK_FALSE(nino_valid("TN 47 29 18 B"));  // temporary
  CHECK_FALSE(nino_valid("JX 47 29 18 E"));  // suffix A-D only
  CHECK_FALSE(nino_valid("QQ 12 34 56 C"));  // HMRC's specimen: Q never first
  CHECK_FALSE(nino_valid("DA 12 34 56 A"));
}

TEST_CASE("Postcodes: every shape, real areas, letter positions", "[validators][postcode]") {
  for (const char* ok : {"M9 4WP", "B42 7RT", "W1D 3QF", "LS6 2UE", "NE12 8BJ", "EC2V 7HN", "GIR 0AA", "EC2V7HN",
                         "ls6 2ue", "SW1A 1AA"}) {
    INFO(ok);
    CHECK(uk_postcode_valid(ok));
  }
  CHECK_FALSE(uk_postcode_valid("LS6 2CE"));  // C never in the inward letters
  CHECK_FALSE(uk_postcode_valid("Y6 1ST"));   // Y is no postcode area
  CHECK_FALSE(uk_postcode_valid("KS2 4AB"));  // KS neither
  CHECK_FALSE(uk_postcode_valid("E2 2nd"));   // an ordinal, not an inward code
  CHECK_FALSE(uk_postcode_valid("W1I 3QF"));  // I never third in A9A
  CHECK_FALSE(uk_postcode_valid("QA1 1AA"));
}

TEST_CASE("Phone numbers: libphonenumber with region GB", "[validators][phone]") {
  const PhoneCheck mobile = check_phone_number("07912 345678");
  CHECK(mobile.valid);
  CHECK(mobile.region == "GB");
  CHECK(mobile.kind == "mobile");
  CHECK(check_phone_number("020 7946 0123").valid);
  CHECK(check_phone_number("+44 (0)113 496 0123").valid);
  CHECK(check_phone_number("+33 1 23 45 67 89").valid);
  // Ofcom drama ranges: the right length, unknown to the metadata.
  const PhoneCheck drama = check_phone_number("07700 900123");
  CHECK(drama.possible);
  CHECK_FALSE(drama.valid);
  CHECK(check_phone_number("01632 960123").possible);
  CHECK_FALSE(check_phone_number("01632 960123").valid);
  // A mobile has ten digits after the 0; a 6-digit local number is no phone
  // number on its own.
  CHECK_FALSE(check_phone_number("07700 90012").possible);
  CHECK_FALSE(check_phone_number("012345").possible);
  CHECK_FALSE(check_phone_number("+1 020 30").possible);

  const ValidatorFn phone = find_validator("phone");
  REQUIRE(phone);
  CHECK(phone("07912 345678").verdict == Verdict::pass);
  CHECK(phone("07700 900123").verdict == Verdict::no_opinion);
  CHECK(phone("07700 90012").verdict == Verdict::fail);
}

TEST_CASE("UK dates in the forms people write", "[validators][date]") {
  const int year = 2026;
  for (const char* text : {"14/02/2016", "14/2/16", "14.02.2016", "14-02-2016", "2016-02-14", "14 February 2016",
                           "14th February 2016", "14th of February 2016", "14-Feb-2016", "February 14th, 2016",
                           "Feb 14 2016"}) {
    INFO(text);
    CalendarDate d;
    REQUIRE(parse_uk_date(text, year, d));
    CHECK(d.year == 2016);
    CHECK(d.month == 2);
    CHECK(d.day == 14);
  }
  CalendarDate d;
  REQUIRE(parse_uk_date("3rd April", year, d));
  CHECK(d.year == 0);
  CHECK(d.month == 4);
  CHECK(d.day == 3);
  REQUIRE(parse_uk_date("14/02", year, d));
  CHECK(d.year == 0);
  CHECK(d.month == 2);
  CHECK_FALSE(parse_uk_date("14/13", year, d));
  REQUIRE(parse_uk_date("03/04/2015", year, d));  // day first: 3 April
  CHECK(d.month == 4);
  REQUIRE(parse_uk_date("1/1/85", year, d));  // two-digit years: the latest not after this year
  CHECK(d.year == 1985);
  CHECK(parse_uk_date("29/02/2016", year, d));
  CHECK_FALSE(parse_uk_date("29/02/2015", year, d));
  CHECK_FALSE(parse_uk_date("31/04/2016", year, d));
  CHECK_FALSE(parse_uk_date("14/13/2016", year, d));
  CHECK_FALSE(parse_uk_date("0/1/2016", year, d));
  CHECK_FALSE(parse_uk_date("14 Smarch 2016", year, d));
}

TEST_CASE("Month and year only, as in \"born in March 2015\"", "[validators][date]") {
  for (const char* text : {"March 2015", "Mar 2015", "Mar. 2015", "March, 2015", "03/2015", "3/2015", "03-2015",
                           "03.2015"}) {
    INFO(text);
    CalendarDate d;
    REQUIRE(parse_uk_month_year(text, d));
    CHECK(d.year == 2015);
    CHECK(d.month == 3);
    CHECK(d.day == 0);
  }
  CalendarDate d;
  REQUIRE(parse_uk_month_year("Sept 2014", d));
  CHECK(d.month == 9);
  CHECK_FALSE(parse_uk_month_year("13/2015", d));
  CHECK_FALSE(parse_uk_month_year("0/2015", d));
  CHECK_FALSE(parse_uk_month_year("March 15", d));      // two-digit years read as days
  CHECK_FALSE(parse_uk_month_year("3 March 2015", d));  // a full date is parse_uk_date's
  CHECK_FALSE(parse_uk_month_year("Smarch 2015", d));

  const CalendarDate today{2026, 11, 21};
  CHECK(plausible_birth_date({2026, 11, 0}, today));
  CHECK_FALSE(plausible_birth_date({2026, 12, 0}, today));
  const ValidatorFn dob = find_validator("date-of-birth");
  REQUIRE(dob);
  CHECK(dob("March 2015").verdict == Verdict::pass);
  CHECK(dob("03/2015").verdict == Verdict::pass);
  CHECK(dob("March 2999").verdict == Verdict::fail);
}

TEST_CASE("Dates of birth must be in the past and within a lifetime", "[validators][date]") {
  const CalendarDate today{2026, 11, 21};
  CHECK(plausible_birth_date({2015, 4, 3}, today));
  CHECK(plausible_birth_date({2026, 11, 21}, today));
  CHECK_FALSE(plausible_birth_date({2026, 11, 22}, today));
  CHECK_FALSE(plausible_birth_date({2030, 1, 1}, today));
  CHECK_FALSE(plausible_birth_date({1900, 1, 1}, today));
  CHECK_FALSE(plausible_birth_date({0, 4, 3}, today));

  const ValidatorFn dob = find_validator("date-of-birth");
  REQUIRE(dob);
  CHECK(dob("3rd April 2015").verdict == Verdict::pass);
  CHECK(dob("3rd April").verdict == Verdict::no_opinion);
  CHECK(dob("31/02/2015").verdict == Verdict::fail);
  CHECK(dob("3rd April 2999").verdict == Verdict::fail);
}

TEST_CASE("Driving licence numbers: date and name fields", "[validators][driving-licence]") {
  // DVLA's published example licence, and the reference sheet's constructed
  // one (Quigley, woman, born 23 July 1988, initial R).
  CHECK(driving_licence_fields_valid("MORGA753116SM9IJ"));
  CHECK(driving_licence_fields_valid("MORGA 753116 SM9IJ"));
  CHECK(driving_licence_fields_valid("QUIGL857238R99AB"));
  CHECK(driving_licence_fields_valid("LEE99802297J99XY"));    // short surname padded with 9
  CHECK_FALSE(driving_licence_fields_valid("MORGA773116SM9IJ"));  // month 73
  CHECK_FALSE(driving_licence_fields_valid("MORGA713116SM9IJ"));  // month 13
  CHECK_FALSE(driving_licence_fields_valid("MORGA750216SM9IJ"));  // month 50
  CHECK_FALSE(driving_licence_fields_valid("MORGA702306SM9IJ"));  // 30 February
  CHECK_FALSE(driving_licence_fields_valid("MOR9A753116SM9IJ"));  // letter after padding
  CHECK_FALSE(driving_licence_fields_valid("99999753116SM9IJ"));  // no surname
  CHECK_FALSE(driving_licence_fields_valid("MORGA753116SM9I"));   // 15 characters
}

TEST_CASE("IP addresses are confirmed with inet_pton", "[validators][ip]") {
  CHECK(ip_address_valid("192.168.1.254"));
  CHECK(ip_address_valid("81.2.69.142/24"));
  CHECK(ip_address_valid("2001:db8:85a3::8a2e:370:7334"));
  CHECK(ip_address_valid("2001:db8::1/64"));
  CHECK(ip_address_valid("::ffff:192.0.2.1"));
  CHECK(ip_address_valid("fe80::1%eth0"));  // RFC 4007 zone index
  CHECK_FALSE(ip_address_valid("fe80::1%"));
  CHECK_FALSE(ip_address_valid("192.168.1.1%eth0"));
  CHECK_FALSE(ip_address_valid("256.1.1.1"));
  CHECK_FALSE(ip_address_valid("1.2.3"));
  CHECK_FALSE(ip_address_valid("10:30:00"));
  CHECK_FALSE(ip_address_valid("1.2.3.4/33"));
  CHECK_FALSE(ip_address_valid("2001:db8::1/129"));
  CHECK_FALSE(ip_address_valid("2001:db8::1::2"));
}

TEST_CASE("Email addresses: local part and top-level domain", "[validators][email]") {
  CHECK(email_address_valid("jo.bloggs1987@gmail.com"));
  CHECK(email_address_valid("sam_smith+trip@outlook.co.uk"));
  CHECK_FALSE(email_address_valid("logo@2x.png"));
  CHECK_FALSE(email_address_valid("jo..smith@gmail.com"));
  CHECK_FALSE(email_address_valid(".jo@gmail.com"));
  CHECK_FALSE(email_address_valid("jo@-gmail.com"));
  CHECK_FALSE(email_address_valid("jo@gmail"));
}

TEST_CASE("Obfuscated email addresses are put back together and checked", "[validators][email]") {
  CHECK(deobfuscate_email("jo dot bloggs at gmail dot com") == "jo.bloggs@gmail.com");
  CHECK(deobfuscate_email("Jo[at]School[dot]org") == "jo@school.org");
  CHECK(deobfuscate_email("mike.t (at) yahoo (dot) co (dot) uk") == "mike.t@yahoo.co.uk");
  CHECK(deobfuscate_email("kev {at} btinternet {dot} com") == "kev@btinternet.com");
  CHECK(deobfuscate_email("tina1984 @ gmail.com") == "tina1984@gmail.com");
  CHECK(deobfuscate_email("jo[x]school.org").empty());

  CHECK(obfuscated_email_valid("jo dot bloggs at gmail dot com"));
  CHECK(obfuscated_email_valid("jo[at]stjudes[dot]org"));       // brackets: any domain
  CHECK(obfuscated_email_valid("jbrown at hotmail dot co dot uk"));
  CHECK(obfuscated_email_valid("amy@outlook dot com"));
  // Bare words are ordinary English unless the domain is a mail provider.
  CHECK_FALSE(obfuscated_email_valid("look at the dot com"));
  CHECK_FALSE(obfuscated_email_valid("up at bbc dot co dot uk"));
  CHECK_FALSE(obfuscated_email_valid("in at gmail dot com"));   // "log in at gmail dot com"
  CHECK_FALSE(obfuscated_email_valid("Meet at 9.15"));
  CHECK_FALSE(obfuscated_email_valid("insta @jess.carter"));    // not a top-level domain
  CHECK_FALSE(obfuscated_email_valid("jo [at] [at] gmail [dot] com"));
}

TEST_CASE("Local phone numbers: 6-8 digits, never starting 0 or 1", "[validators][phone]") {
  CHECK(local_phone_number_shape("496021"));
  CHECK(local_phone_number_shape("496 0277"));
  CHECK(local_phone_number_shape("7946 0841"));
  CHECK(local_phone_number_shape("960-557"));
  CHECK_FALSE(local_phone_number_shape("0113 496 0123"));  // a national number's tail taken with its code
  CHECK_FALSE(local_phone_number_shape("113 496 0123"));
  CHECK_FALSE(local_phone_number_shape("(0113) 496 0118"));
  CHECK_FALSE(local_phone_number_shape("+44 7700 900 123"));
  CHECK_FALSE(local_phone_number_shape("100 000"));        // local numbers never start with 1
  CHECK_FALSE(local_phone_number_shape("49602"));
  CHECK_FALSE(local_phone_number_shape("496021234"));
  const ValidatorFn local = find_validator("phone-local");
  REQUIRE(local);
  CHECK(local("496021").verdict == Verdict::no_opinion);  // a shape is no evidence
  CHECK(local("0113 496 0123").verdict == Verdict::fail);
}

TEST_CASE("Vehicle registrations in the three GB formats", "[validators][vehicle]") {
  CHECK(vehicle_registration_valid("AB12 CDE"));
  CHECK(vehicle_registration_valid("MA67XYZ"));
  CHECK(vehicle_registration_valid("P123 ABC"));
  CHECK(vehicle_registration_valid("ABC 123D"));
  CHECK_FALSE(vehicle_registration_valid("AB01 CDE"));  // no 01 age identifier
  CHECK_FALSE(vehicle_registration_valid("AB45 CDE"));  // 30-50 never issued
  CHECK_FALSE(vehicle_registration_valid("QB12 CDE"));  // Q never an area letter
  CHECK_FALSE(vehicle_registration_valid("I123 ABC"));  // I never a year letter
  CHECK_FALSE(vehicle_registration_valid("ABC 123O"));
}

TEST_CASE("Social profile links: people, not posts or groups", "[validators][social]") {
  CHECK(social_profile_url("facebook.com/jess.carter.1987"));
  CHECK(social_profile_url("https://www.instagram.com/jess_2012/"));
  CHECK(social_profile_url("tiktok.com/@samdances"));
  CHECK(social_profile_url("snapchat.com/add/jess_2012"));
  CHECK(social_profile_url("www.facebook.com/profile.php?id=100012345678"));
  CHECK_FALSE(social_profile_url("facebook.com/groups/stjudespta"));
  CHECK_FALSE(social_profile_url("instagram.com/p/Cx12abc"));
  CHECK_FALSE(social_profile_url("facebook.com/events/123456"));
  CHECK_FALSE(social_profile_url("facebook.com/"));
}

TEST_CASE("Every validator a rule can name is registered", "[validators]") {
  for (const char* name : {"luhn", "nhs", "upn", "mod97", "nino", "postcode", "phone", "date", "date-of-birth",
                           "driving-licence", "ip", "email", "vehicle-registration", "social-profile",
                           "phone-local", "obfuscated-email"}) {
    INFO(name);
    CHECK(find_validator(name) != nullptr);
  }
  CHECK(find_validator("phone-uk") == nullptr);
  const auto names = validator_names();
  CHECK(std::is_sorted(names.begin(), names.end()));
}
