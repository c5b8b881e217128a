/**
 * Short texts written for these tests (no third-party copy): two English and two Arabic reports,
 * the two of each language on the same topic in different words.
 */
export const ENGLISH_REPORT = [
  'The city council voted on Tuesday evening to extend the tram line to the northern districts, ending a debate that had lasted almost three years.',
  'Supporters said the extension would cut commuting times for thousands of residents who now rely on crowded buses along the ring road.',
  'Opponents argued that the cost, estimated at four hundred million euros, would leave little money for repairing schools and bridges.',
  'Construction is expected to begin next spring, and the first trams should run on the new section before the end of the decade.',
  'The mayor thanked the engineers and residents who took part in the public consultation and promised regular updates on the budget.',
].join('\n\n');

export const ENGLISH_SAME_TOPIC = [
  'Trams will reach the northern neighbourhoods after councillors approved the long-discussed extension in a late vote this week.',
  'Residents who commute on packed buses welcomed the decision, while critics warned the price tag of some four hundred million euros was too high.',
  'Work on the line could start in the spring, according to the transport department, with passenger service planned within a few years.',
].join('\n\n');

export const ARABIC_REPORT = [
  'أعلنت وزارة الفلاحة يوم الإثنين عن برنامج جديد لدعم الفلاحين الصغار في المناطق التي تضررت من الجفاف خلال السنوات الأخيرة.',
  'ويشمل البرنامج تقديم قروض بدون فوائد وتوزيع بذور مقاومة لقلة المياه، إضافة إلى تكوين الشباب على تقنيات الري بالتنقيط.',
  'وقال مسؤول في الوزارة إن الهدف هو الحفاظ على فرص الشغل في القرى والحد من الهجرة نحو المدن الكبرى.',
  'ومن المنتظر أن تنطلق المرحلة الأولى من البرنامج في الخريف المقبل، على أن تشمل عشرات الآلاف من الأسر.',
].join('\n\n');

export const ARABIC_SAME_TOPIC = [
  'كشفت الحكومة عن خطة لمساعدة صغار المزارعين المتضررين من توالي سنوات الجفاف، تتضمن تمويلا ميسرا ومعدات حديثة للسقي.',
  'وأوضح مصدر رسمي أن الخطة تسعى إلى إبقاء السكان في البوادي وتوفير مداخيل قارة للأسر الفلاحية.',
  'وينتظر أن يستفيد من هذه المبادرة عدد كبير من الأسر ابتداء من الموسم الفلاحي القادم.',
].join('\n\n');

/** Another article of the same (imaginary) site: different story, same furniture around it. */
export const ENGLISH_OTHER_STORY = [
  'The regional museum reopened its archaeology wing on Saturday after a renovation that took eighteen months and uncovered forgotten storage rooms.',
  'Curators used the closure to restore more than two hundred objects, including a bronze helmet found by farmers near the river a century ago.',
  'Entry to the new galleries will be free for schoolchildren until the summer holidays, the director said at the opening ceremony.',
].join('\n\n');
