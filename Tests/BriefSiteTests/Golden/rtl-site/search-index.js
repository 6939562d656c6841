window.BRIEF_SEARCH=[
{"t":"Remittances from the US grew","u":"briefs/remittances/index.html","d":"2023-07-15","s":"Workers in the US sent more home each year.","g":"remittances money","w":"remittances reached musd fy2022 23 million dollars usd millions words or pkr thousands thousand rupees see the other brief numbers"},
{"t":"A brief with no translation","u":"briefs/second/index.html","d":"2023-01-10","s":"Only in English.","g":"money","w":"this brief has no urdu translation so the edition links to it in english"}
];
