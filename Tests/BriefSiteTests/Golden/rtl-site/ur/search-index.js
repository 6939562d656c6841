window.BRIEF_SEARCH=[
{"t":"امریکہ سے ترسیلاتِ زر میں اضافہ","u":"briefs/remittances/index.html","d":"2023-07-15","s":"امریکہ میں مقیم کارکنوں نے ہر سال پہلے سے زیادہ رقم وطن بھیجی۔","g":"ترسیلاتِ زر رقوم","w":"ترسیلاتِ زر remittances musd fy2022 23 ملین ڈالر usd millions words یا pkr thousands ہزار روپے تک پہنچ گئیں دوسری بریف بھی دیکھیے اعداد شمار"}
];
