// Dates as UK writers give them, and whether one can be a date of birth.
// Day-month-year is the UK order: 03/04/2015 is the 3rd of April.
#include <ctime>
#include <string>
#include <vector>

#include "policycheck/validators.hpp"

namespace policycheck {
namespace {

struct Token {
  bool number = false;
  int value = 0;
  size_t digits = 0;
  std::string word;  // lower-cased letters
};

std::vector<Token> tokenise(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      Token t;
      t.number = true;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9' && t.digits < 6) {
        t.value = t.value * 10 + (text[i] - '0');
        ++t.digits;
        ++i;
      }
      tokens.push_back(t);
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      Token t;
      while (i < text.size() && ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z'))) {
        t.word += static_cast<char>(text[i] | 0x20);
        ++i;
      }
      tokens.push_back(t);
    } else {
      ++i;
    }
  }
  return tokens;
}

// January..December by full name, three-letter abbreviation or "sept".
int month_number(const std::string& word) {
  static const char* const kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                        "july",    "august",   "september", "october", "november", "december"};
  if (word == "sept") return 9;
  for (int m = 0; m < 12; ++m) {
    const std::string_view name = kMonths[m];
    if (word == name || (word.size() == 3 && name.substr(0, 3) == word)) return m + 1;
  }
  return 0;
}

bool is_ordinal_suffix(const std::string& word) { return word == "st" || word == "nd" || word == "rd" || word == "th"; }

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int month, int year) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && year != 0 && !leap(year)) return 28;
  return kDays[month - 1];
}

int expand_year(const Token& t, int this_year) {
  if (t.digits == 4) return t.value;
  const int century = this_year / 100 * 100;
  const int year = century + t.value;
  return year > this_year ? year - 100 : year;
}

}  // namespace

bool parse_uk_date(std::string_view text, int this_year, CalendarDate& out) {
  const std::vector<Token> tokens = tokenise(text);
  std::vector<Token> numbers;
  int month = 0;
  for (const Token& t : tokens) {
    if (t.number) {
      numbers.push_back(t);
    } else if (const int m = month_number(t.word)) {
      if (month) return false;  // two month names
      month = m;
    } else if (!is_ordinal_suffix(t.word) && t.word != "of") {
      return false;
    }
  }
  CalendarDate date;
  if (month) {
    // 14 February 2016, February 14th 2016, 14-Feb-16, 3rd of April.
    date.month = month;
    if (numbers.empty() || numbers.size() > 2) return false;
    if (numbers[0].digits > 2) return false;
    date.day = numbers[0].value;
    if (numbers.size() == 2) {
      if (numbers[1].digits != 2 && numbers[1].digits != 4) return false;
      date.year = expand_year(numbers[1], this_year);
    }
  } else {
    if (numbers.size() == 2) {  // day and month: 14/02
      if (numbers[0].digits > 2 || numbers[1].digits > 2) return false;
      date = {0, numbers[1].value, numbers[0].value};
    } else if (numbers.size() != 3) {
      return false;
    } else if (numbers[0].digits == 4) {  // ISO 8601: 2016-02-14
      if (numbers[1].digits > 2 || numbers[2].digits > 2) return false;
      date = {numbers[0].value, numbers[1].value, numbers[2].value};
    } else {
      if (numbers[0].digits > 2 || numbers[1].digits > 2) return false;
      if (numbers[2].digits != 2 && numbers[2].digits != 4) return false;
      date = {expand_year(numbers[2], this_year), numbers[1].value, numbers[0].value};
    }
  }
  if (date.month < 1 || date.month > 12 || date.day < 1) return false;
  if (date.day > days_in_month(date.month, date.year)) return false;
  out = date;
  return true;
}

// "March 2015", "Sept 2014", "Mar. 2015", "March, 2015", "03/2015", "3-2015":
// a month (name or number) and a four-digit year, nothing else.
bool parse_uk_month_year(std::string_view text, CalendarDate& out) {
  const std::vector<Token> tokens = tokenise(text);
  if (tokens.size() != 2 || !tokens[1].number || tokens[1].digits != 4) return false;
  int month = 0;
  if (tokens[0].number) {
    if (tokens[0].digits > 2) return false;
    month = tokens[0].value;
  } else {
    month = month_number(tokens[0].word);
  }
  if (month < 1 || month > 12) return false;
  out = {tokens[1].value, month, 0};
  return true;
}

bool plausible_birth_date(const CalendarDate& date, const CalendarDate& today) {
  if (date.year == 0) return false;
  if (date.year < today.year - 110) return false;
  if (date.year != today.year) return date.year < today.year;
  if (date.month != today.month) return date.month < today.month;
  return date.day <= today.day;
}

CalendarDate today_local() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

}  // namespace policycheck
