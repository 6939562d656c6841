window.BRIEF_SEARCH=[
{"t":"The balance","u":"briefs/balance/index.html","d":"2022-08-01","s":"A surplus with the US.","g":"trade","w":"what it shows pakistan runs surplus back to the rise and about chart of exports"},
{"t":"Exports to the US rose","u":"briefs/exports-rise/index.html","d":"2022-07-03","s":"Exports grew through the crisis.","g":"trade exports","w":"exports reached musd fy2021 22 million dollars usd millions see the balance numbers second heading with same text"}
];
