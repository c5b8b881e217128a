/**
 * A small Arabic extraction set: the seed article and articles written for Khabar, each rendered in
 * the four layouts of test/support/seed-pages.ts (aggregator, modern portal, old table layout, and a
 * busy news site whose class names say nothing).
 * The gold body is the article's own paragraphs and subheadings.
 */
import { buildAggregatorPage, OTHER_ARABIC_ARTICLE, readSeedArticle, type AggregatorTemplate } from '../test/support/seed-pages.js';
import type { BenchPage } from './extract-dataset.js';

const FOOTBALL = {
  title: 'المنتخب المغربي يفوز وديا ويواصل استعداداته لكأس إفريقيا',
  paragraphs: [
    'حقق المنتخب المغربي لكرة القدم فوزا مستحقا في مباراته الودية التي أقيمت مساء أمس بالملعب الكبير في طنجة، في إطار استعداداته لنهائيات كأس أمم إفريقيا.',
    'وسجل أهداف المباراة لاعبو خط الوسط والهجوم في الشوط الثاني، بعد شوط أول اتسم بالحذر وقلة الفرص، قبل أن يغير المدرب طريقة اللعب ويدفع بعناصر شابة.',
    'رضا المدرب',
    'وعبر الناخب الوطني في الندوة الصحفية التي أعقبت المباراة عن رضاه عن أداء اللاعبين، مشيرا إلى أن الهدف من هذه المواجهات هو تجريب حلول جديدة والوقوف على جاهزية المجموعة قبل المنافسة الرسمية.',
    'وأضاف أن الطاقم التقني سيواصل متابعة اللاعبين المحترفين في أنديتهم الأوروبية، وأن باب المنتخب يبقى مفتوحا أمام كل لاعب يقدم مستويات جيدة ويحترم قواعد المجموعة.',
    'حضور جماهيري',
    'وشهدت المباراة حضورا جماهيريا كبيرا، إذ امتلأت مدرجات الملعب عن آخرها، ورفعت الجماهير لافتات تدعم اللاعبين وتطالبهم بالعودة باللقب القاري الذي غاب عن خزائن الكرة المغربية منذ عقود.',
  ],
  subheadings: ['رضا المدرب', 'حضور جماهيري'],
};

const FESTIVAL = {
  title: 'مهرجان الموسيقى الروحية يفتتح دورته الجديدة بفاس',
  paragraphs: [
    'افتتحت مساء الجمعة بمدينة فاس الدورة الجديدة لمهرجان الموسيقى الروحية، بمشاركة فرق وفنانين من أكثر من عشرين بلدا، في برنامج يمتد على تسعة أيام.',
    'ويتضمن برنامج هذه الدورة حفلات في ساحة باب المكينة وفي عدد من الرياضات والحدائق التاريخية بالمدينة العتيقة، إلى جانب ندوات فكرية حول التراث والتعايش بين الثقافات.',
    'وقال مدير المهرجان إن الدورة الحالية تراهن على الانفتاح على جمهور الشباب، من خلال ورشات مفتوحة وعروض في الفضاءات العامة بالمجان، مؤكدا أن الموسيقى لغة مشتركة تتجاوز الحدود.',
    'ويعد المهرجان من أبرز المواعيد الثقافية في المغرب، إذ يستقطب كل سنة آلاف الزوار من داخل البلاد وخارجها، ويساهم في تنشيط الحركة السياحية والاقتصادية بالمدينة.',
  ],
  subheadings: [] as string[],
};

/** A two-paragraph brief: short articles are where page furniture outweighs the story. */
const BRIEF = {
  title: 'حملة وطنية للتلقيح ضد الأنفلونزا الموسمية',
  paragraphs: [
    'أعلنت وزارة الصحة، اليوم الثلاثاء، عن إطلاق حملة وطنية للتلقيح ضد الأنفلونزا الموسمية تستهدف الفئات الأكثر عرضة للمضاعفات.',
    'وأوضحت الوزارة في بلاغ لها أن الحملة ستمتد لثلاثة أشهر، وأن اللقاح سيكون متوفرا بالمجان في المراكز الصحية.',
  ],
};

interface Story {
  id: string;
  title?: string;
  paragraphs?: string[];
  subheadings?: string[];
  dateText?: string;
  gold: string[];
}

export function arabicSet(): BenchPage[] {
  const seed = readSeedArticle();
  const stories: Story[] = [
    { id: 'seed', gold: seed.paragraphs },
    { id: 'water', title: OTHER_ARABIC_ARTICLE.title, paragraphs: OTHER_ARABIC_ARTICLE.paragraphs, subheadings: OTHER_ARABIC_ARTICLE.subheadings, gold: OTHER_ARABIC_ARTICLE.paragraphs },
    { id: 'football', ...FOOTBALL, dateText: '٠٧ - ١١ - ٢٠٢٥', gold: FOOTBALL.paragraphs },
    { id: 'festival', ...FESTIVAL, dateText: '23 - 05 - 2025', gold: FESTIVAL.paragraphs },
    { id: 'brief', ...BRIEF, dateText: '14 - 10 - 2025', gold: BRIEF.paragraphs },
  ];
  const templates: AggregatorTemplate[] = ['maghress', 'portal', 'table', 'newsroom'];
  return stories.flatMap((s, si) =>
    templates.map((template) => {
      const url = `https://arabic-set.example/${template}/${si + 1}`;
      const html = buildAggregatorPage({
        template,
        url,
        ...(s.title ? { title: s.title } : {}),
        ...(s.paragraphs ? { paragraphs: s.paragraphs } : {}),
        ...(s.subheadings ? { subheadings: s.subheadings } : {}),
        ...(s.dateText ? { dateText: s.dateText } : {}),
      });
      return { id: `${s.id}-${template}`, url, html, truth: s.gold.join('\n\n') };
    }),
  );
}
