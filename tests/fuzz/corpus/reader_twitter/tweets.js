window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "id_str" : "1766000000000000001",
      "created_at" : "Fri Mar 07 15:30:00 +0000 2025",
      "full_text" : "Year 3 trip to the museum &amp; park. Lost property? Call 07700 900444"
    }
  },
  {
    "tweet" : {
      "id_str" : "1766000000000000002",
      "created_at" : "Fri Mar 07 16:00:00 +0000 2025",
      "full_text" : "Results &gt; expectations! Email &lt;head@example.org&gt;",
      "in_reply_to_screen_name" : "ExampleTrust"
    }
  }
]
