"""Write the demo codings: two coders (coder_a, coder_b) and their reconciled consensus.

All 7 interview transcripts and the 21 activity reports of ``corpora/demo`` are coded.

The decisions below are our own qualitative judgements on the demo corpus, written as data:
for each document, passages (exact text of the document) with

- ``both``: codes both coders gave the passage,
- ``a`` / ``b``: codes only coder_a / only coder_b gave it (where they disagreed),
- ``keep``: which of those disputed codes the two kept after discussing them,
- ``memo``: coder_a's note on the passage, when she wrote one.

The script finds each passage in the store's normalized text (it must occur exactly once),
snaps it outwards to token boundaries, writes ``lessons/codings/coder_a.jsonl`` and
``coder_b.jsonl``, then reconciles them unit by unit (sentence segments) with
``synthesis.coding.reconcile`` into ``consensus.jsonl``, and prints the agreement.

    .venv/bin/python scripts/make_demo_codings.py [--work work/demo] [--lessons lessons]
"""

from __future__ import annotations

import argparse
import sys
from bisect import bisect_left, bisect_right
from dataclasses import replace
from pathlib import Path

import pandas as pd

from synthesis.coding import CodingStore, agreement, load_codebook, new_coding, reconcile, units_from_segments
from synthesis.corpus import ingest, open_store

ROOT = Path(__file__).resolve().parents[1]
CREATED = {"coder_a": "2025-01-20T09:00:00Z", "coder_b": "2025-01-27T14:00:00Z", "consensus": "2025-02-03T10:00:00Z"}


def P(quote: str, both: str = "", a: str = "", b: str = "", keep: str = "", memo: str = "") -> dict:
    return {"quote": quote, "both": both.split(), "a": a.split(), "b": b.split(), "keep": keep.split(), "memo": memo}


DECISIONS: dict[str, list[dict]] = {
    "interviews/yala-bala_interview.txt": [
        P("ช่วงปี 62 ราคายางตกเหลือสี่สิบบาท เงินไม่พอใช้", "context.economy"),
        P("หนุ่มๆ ไปทำร้านต้มยำที่มาเลเซียกันหมด เหลือแต่คนแก่กับผู้หญิงกรีด", a="context", b="context.economy",
          keep="context"),
        P("แล้วพื้นที่เรามันมีเรื่องความไม่สงบ ออกกลางคืนก็กลัว บางช่วงไม่กล้าออกเลย ขาดรายได้ไปอีก", "context",
          a="obstacle.external", keep="obstacle.external", memo="ความไม่สงบเป็นเงื่อนไขเฉพาะของพื้นที่ชายแดนใต้"),
        P("คนที่นี่ใช้น้ำกรดแบตเตอรี่ใส่ถ้วยยางเพราะถูก ขวดละไม่กี่บาท มันกระเด็นเข้าตาเข้ามือ", "context.work_risk"),
        P("อีกเรื่องคือไข้มาลาเรีย สวนที่ติดชายป่าโดนยุงกัดประจำ ปีนั้นป่วยสี่คน", "context.work_risk"),
        P("แล้วก็รถล้ม มืดๆ ทางลื่น ไฟฉายหมด ล้มกันบ่อย", a="context.work_risk", keep="context.work_risk"),
        P("ตอนที่เจ้าหน้าที่ กยท. มาบอกว่ายางที่ใส่น้ำกรดแบตโดนกดราคา คนฟังทันทีเลย", "success.tangible_benefit",
          b="partners.agency", keep="partners.agency"),
        P("ถ้าพูดเรื่องสุขภาพอย่างเดียวคนไม่ค่อยสนใจ แต่พอบอกว่าขายได้ราคาดีขึ้นด้วย เขาเปลี่ยน",
          "success.tangible_benefit", memo="แกนของบทเรียนบาละ: สุขภาพที่ได้เงินด้วย"),
        P("เราไปคุยกับสหกรณ์กองทุนสวนยางบาละให้สั่งกรดฟอร์มิกรวมทีเดียวปีละสองครั้ง แบ่งขายให้สมาชิกตามจำนวนต้น "
          "ราคาถูกกว่าร้านข้างนอกราวร้อยละสิบห้า", "innovation", a="partners.community", b="livelihood",
          keep="partners.community"),
        P("จาก 38 บ้านที่ใช้น้ำกรดแบต ตอนนี้เหลือหกบ้าน", "outcomes.behaviour"),
        P("หลักๆ คือกองทุนหลักประกันสุขภาพของ อบต. เป็นเงินก้อนแรกที่ทำให้เราจัดอบรม ซื้อเสื้อสะท้อนแสง ซื้อแว่นตาได้",
          "mechanism.health_fund"),
        P("นายกฮาซันเขาเป็นประธานกองทุนด้วย เขาเห็นด้วยตั้งแต่แรก", a="partners.local_government",
          b="success.leadership", keep="partners.local_government"),
        P("แต่ต้องบอกว่าเรื่องเอกสารการเงินนี่ยากมากสำหรับชาวบ้าน ใบเสร็จ ใบสำคัญรับเงิน", "obstacle.administration"),
        P("ถ้าไม่มีน้องนูรีดาจาก อบต. ช่วย เราคงทำไม่ได้", "success.partnership"),
        P("แล้วก็รพ.สต. หมอรุสลันมาช่วยเรื่องปฐมพยาบาลกับมาลาเรีย", "partners.health_service"),
        P("ส่วนพี่เลี้ยงจังหวัดก็คอยดูว่าเราทำตามแผนไหม", "mechanism.mentor"),
        P("ปี 63 โควิดมา สั่งห้ามรวมตัว โครงการปีแรกต้องเลื่อนไปสามเดือน", "obstacle.external"),
        P("ต้องคืนเงินกองทุนไปหกพันกว่าบาท ตอนนั้นคนในกลุ่มท้อ", a="obstacle.external", b="obstacle.administration",
          keep="obstacle.external"),
        P("อีกครั้งคือเราเคยลองนัดประชุมตอนหัวค่ำ คนมาแค่ห้าหกคน เพราะไม่มีใครอยากออกจากบ้านตอนมืด",
          "obstacle.participation"),
        P("หลังจากนั้นเลยย้ายมาเป็นวันศุกร์หลังละหมาดตลอด", "success.local_fit"),
        P("โต๊ะอิหม่ามพูดเรื่องการรักษาร่างกายว่าเป็นอามานะห์ เป็นของที่อัลลอฮ์ฝากไว้ ต้องดูแล "
          "คนฟังแล้วรู้สึกว่าเป็นเรื่องศาสนา ไม่ใช่เรื่องโครงการ", "success.local_fit", a="partners.community",
          keep="partners.community"),
        P("ข้อตกลงกลุ่มห้าข้อเราก็ติดที่มัสยิด คนเห็นทุกวันศุกร์", "mechanism.agreement"),
        P("อันนี้ผมว่าที่อื่นก็เอาไปใช้ได้ ถ้าที่นั่นมีศูนย์กลางของชุมชนแบบนี้", a="recommendation.group",
          b="success.local_fit", keep="recommendation.group"),
        P("หนึ่ง รับสมัครมาตรา 40 และคอยถามว่าใครขาดส่ง สอง เป็นที่แจ้งเหตุเวลาใครบาดเจ็บหรือมีไข้ อสอช. จะพาไป รพ.สต.",
          "mechanism.service_unit", a="social_protection.section40", keep="social_protection.section40"),
        P("ส่วนกลุ่มออม ต่างจากกองทุนหมู่บ้านตรงที่เราไม่คิดดอกเบี้ย ใช้หลักศาสนา คนกู้ฉุกเฉินได้ คืนเป็นงวด",
          "mechanism.savings", b="success.local_fit"),
        P("ตอนนี้มี 58 คน เงินเจ็ดหมื่นกว่าบาท ให้กู้ไปแล้ว 14 ราย", "outputs"),
        P("เพราะรายได้เราไม่มาทุกเดือนครับ หน้าฝนกรีดไม่ได้ ช่วงยางผลัดใบก็หยุด เดือนไหนไม่มีเงิน ของกินต้องมาก่อน "
          "เงินสมทบก็เลยขาด", "obstacle.income", b="social_protection.section40", keep="social_protection.section40"),
        P("แล้วเครื่องรับชำระเงินอยู่ในตัวอำเภอ ต้องขับรถไปไกล", a="obstacle", b="social_protection.section40",
          keep="obstacle"),
        P("ผมเลยคิดว่าถ้าสหกรณ์หักเงินสมทบจากค่ายางตอนขายให้เลย โดยที่สมาชิกยินยอม น่าจะช่วยได้", "innovation",
          a="social_protection.section40", keep="social_protection.section40"),
        P("ความคิดนี้ผมได้มาจากเวทีระดับเขต ที่ตำบลห้วยยอด จังหวัดตรัง เขาเล่าว่าให้สหกรณ์หักค่าน้ำยางส่งเงินสมทบ"
          "แล้วไม่มีใครขาดส่ง", "organisation", b="innovation",
          memo="การเรียนรู้ข้ามพื้นที่ผ่านเวทีเครือข่าย (จากห้วยยอด)"),
        P("คนโดนกรดเหลือปีละสามคน จากเดิมสิบเจ็ด รถล้มตอนกลางคืนลดลง เพราะไปเป็นคู่ ใส่เสื้อสะท้อนแสง "
          "มาลาเรียปีที่แล้วเจอคนเดียว", "outcomes.health", a="ohs", keep="ohs"),
        P("แล้วคนกล้ามาหา รพ.สต. มากขึ้น ไม่ใช่รอให้เจ็บหนัก", a="outcomes.behaviour", b="outcomes.health",
          keep="outcomes.behaviour"),
        P("ส่วนรายได้ ยางราคายังไม่ดี แต่ยางก้อนถ้วยที่ใช้กรดฟอร์มิกขายได้ราคาดีกว่าเดิมนิดหน่อย", "outcomes.economic"),
        P("เรื่องหนี้กับความเครียดครับ ตอนคัดกรองเจอคนเครียดมากเก้าคนจากสี่สิบเอ็ด ผู้ชายที่นี่ไม่พูดเรื่องเครียด "
          "เก็บไว้คนเดียว", a="obstacle", b="context", keep="obstacle"),
        P("ปีหน้าเราจะเขียนโครงการเรื่องสุขภาพจิตกับการจัดการหนี้ ให้ ธ.ก.ส. มาช่วยคิดเรื่องปรับหนี้",
          "activities.planning", b="partners.agency", keep="partners.agency"),
        P("แล้วอีกเรื่องคือคนหนุ่ม เขาไม่ค่อยมาร่วม ต้องหาวิธีคุยผ่านไลน์หรือผ่านทีมฟุตบอลหมู่บ้าน",
          "obstacle.participation"),
        P("อยากให้ประกันสังคมมีจุดรับเงินสมทบที่สหกรณ์หรือที่ อบต. ไม่ต้องเข้าเมือง", "recommendation.agency",
          a="social_protection.section40", keep="social_protection.section40"),
        P("อยากให้ กยท. ช่วยเรื่องราคากรดฟอร์มิกให้ทั่วถึงทั้งอำเภอ ไม่ใช่เฉพาะที่เรารวมซื้อได้",
          "recommendation.agency"),
        P("แล้วอยากให้กองทุน อบต. มีงบเรื่องอาชีพคนกรีดยางต่อเนื่องทุกปี เพราะสามปีแรกเป็นแค่การเริ่มต้น",
          "recommendation.agency", a="policy", keep="policy"),
        P("ต้องทำเรื่องสุขภาพให้ได้เงินด้วยครับ ถ้าเปลี่ยนแล้วเขาได้ทั้งปลอดภัยและได้ราคา เขาเปลี่ยนเอง",
          "success.tangible_benefit", b="recommendation.group", keep="recommendation.group"),
        P("แล้วต้องใช้ที่ที่คนเชื่อถืออยู่แล้ว อย่างมัสยิด สหกรณ์ ไม่ต้องสร้างอะไรใหม่", "success.local_fit",
          a="recommendation.group", keep="recommendation.group"),
    ],
    "interviews/narathiwat-khok-khian_interview.txt": [
        P("แต่ก่อนรวมกันแค่เรื่องรับออเดอร์ ใครสานได้เท่าไหร่ก็เอามาส่ง ไม่เคยคุยเรื่องสุขภาพเลย", "context",
          b="organisation"),
        P("ผู้หญิงที่นี่นั่งสานตั้งแต่หลังละหมาดซุบฮีจนถึงเที่ยง ตกค่ำก็สานต่อ ปวดหลังกันทุกคน", "context.work_risk"),
        P("ส่วนเรื่องประกันสังคม ส่วนใหญ่ไม่รู้เลยว่าแม่บ้านอย่างเราสมัครได้ คิดว่าต้องเป็นลูกจ้างบริษัท", "context",
          a="social_protection", b="social_protection.section40", keep="social_protection.section40"),
        P("พอเอาแบบสำรวจมารวมกันแล้วเห็นว่าเกือบสามในสี่ปวดหลังปวดไหล่ แล้วมีผื่นที่มือจากสีย้อมสิบกว่าคน",
          "activities.assessment context.work_risk"),
        P("บางบ้านต้มสีในหม้อเดียวกับที่แกงกินด้วย", "context.work_risk"),
        P("อีกเรื่องคือคนที่ลงไปตัดกระจูดในพรุ เท้าเปื่อยเป็นเชื้อรา แล้วช่วงหน้าแล้งมีควันไฟพรุ เด็กในบ้านก็ไอกันหมด",
          a="context.work_risk", keep="context.work_risk"),
        P("ตั้งกันเองในเวทีค่ะ พี่เลี้ยงถามว่าอยากเห็นอะไรในสองปี", "goals", b="mechanism.mentor"),
        P("ก็เลยออกมาเป็นหน่วยบริการชุมชนหนึ่งหน่วย ผู้ประกันตนมาตรา 40 ร้อยละ 60 แล้วก็ อสอช. ห้าคน", "goals"),
        P("ตัวเลขนี้เราเขียนติดไว้ที่ฝาศาลาตลอด ใครมาก็เห็น", a="goals", keep="goals"),
        P("คณะทำงานเขียนโครงการเข้ากองทุน อบต.โคกเคียน ได้เงินมาจัดอบรมเรื่องท่าทางการทำงานกับการย้อมสี",
          "mechanism.health_fund", a="activities.training", b="mechanism.working_group", keep="activities.training"),
        P("เชิญนักกายภาพจากโรงพยาบาลจังหวัดมาสอนท่ายืด", "partners.health_service"),
        P("ปีหลังสุดทำเรื่องกลุ่มออม คือทำทีละขั้น ไม่ได้ทำทุกอย่างพร้อมกัน เพราะคนทำงานมีน้อย", "activities.planning",
          a="success", keep="success", memo="ทำทีละขั้นตามกำลังคน"),
        P("ถ้าไม่มีกองทุนก็ไม่มีเงินจัดอะไรเลยค่ะ", "mechanism.health_fund"),
        P("ปลัดอิบรอฮีมกับพี่เลี้ยงต้องนั่งเขียนกับเรา บอกว่าซื้ออะไรได้ ซื้ออะไรไม่ได้", "mechanism.mentor",
          a="partners.local_government", b="obstacle.administration", keep="partners.local_government"),
        P("พอทำไปสองสามปี กรรมการกองทุนเห็นว่าเราทำจริงรายงานจริง ก็อนุมัติง่ายขึ้น", "success",
          a="mechanism.health_fund", keep="mechanism.health_fund"),
        P("ส่วนพี่เลี้ยง ที่สำคัญคือมาบ่อย (หัวเราะ) มาทุกเดือน โทรถามตลอด", "mechanism.mentor",
          a="success.partnership", keep="success.partnership"),
        P("แล้วพี่เลี้ยงเป็นคนพาเราไปรู้จักประกันสังคมจังหวัด กับวิทยาลัยชุมชน", "mechanism.mentor",
          b="partners.agency", keep="partners.agency"),
        P("เปิดรับสมัครและช่วยเช็คสิทธิมาตรา 40 เตือนวันส่งเงิน ทุกเดือนทาง รพ.สต. มาวัดความดัน ดูอาการปวด",
          "mechanism.service_unit", a="social_protection.section40", b="partners.health_service",
          keep="social_protection.section40 partners.health_service"),
        P("ที่ดีคือสมาชิกไม่ต้องลางานมาหาเรา เรามาหาเขาตอนที่เขานั่งสานอยู่แล้ว", "success.local_fit"),
        P("สมาชิกคนหนึ่งป่วยนอนโรงพยาบาลห้าวัน ได้เงินทดแทนขาดรายได้จากประกันสังคม พอเขาเอามาเล่าในกลุ่ม คนอื่นก็เชื่อ",
          "success.tangible_benefit", a="social_protection.section40", keep="social_protection.section40"),
        P("อีกอย่างคือเจ้าหน้าที่ประกันสังคมมารับสมัครถึงที่ ไม่ต้องนั่งรถเข้าเมือง", "partners.agency",
          b="success.local_fit"),
        P("ทำต้นแบบมาสามชุด คนหนุ่มสาวชอบ แต่คนแก่บอกนั่งแล้วสานไม่ได้ ลายไม่แน่น "
          "สุดท้ายเราปรับเป็นเบาะรองนั่งกับพักยืดตัวแทน", "innovation", a="obstacle", keep="obstacle"),
        P("อีกเรื่องคือเพจขายออนไลน์ ตอนฟารีดาอยู่ ขายได้ดีมาก พอเขาไปทำงานมาเลเซีย ไม่มีใครทำต่อ",
          "obstacle.participation", b="livelihood", keep="livelihood"),
        P("เรารู้แล้วว่าต้องมีคนทำหลายคน ไม่ใช่ฝากไว้คนเดียว", a="recommendation.group", b="success.leadership",
          keep="recommendation.group"),
        P("ที่เปลี่ยนได้คือวิธีใช้ ต้มนอกบ้าน ใส่ถุงมือ ปีนี้ยังไม่มีผื่นรายใหม่เลย", "outcomes.behaviour", a="ohs",
          b="outcomes.health", keep="ohs outcomes.health"),
        P("ขึ้นนิดหน่อยค่ะ จากเฉลี่ยสามพันสองเป็นราวสี่พันต่อเดือน เพราะได้ไปออกงานของพาณิชย์จังหวัด "
          "แล้วมีศูนย์ OTOP รับไปขาย", "outcomes.economic", a="livelihood", keep="livelihood"),
        P("แต่ปีที่แล้วไฟไหม้พรุ ต้องหยุดตัดกระจูดเกือบเดือน ซื้อวัตถุดิบแพงขึ้น รายได้ก็ตกไปช่วงหนึ่ง",
          "obstacle.external"),
        P("ตอนนั้นกลุ่มออมทรัพย์ช่วยได้มาก ให้สมาชิกกู้ไปซื้อกระจูดก่อน", "mechanism.savings"),
        P("ที่ภูมิใจคือโปสเตอร์ท่ายืดที่ทำสองภาษา ไทยกับยาวี เพราะผู้สูงอายุหลายคนอ่านไทยไม่คล่อง", "innovation",
          b="success.local_fit", keep="success.local_fit"),
        P('แล้วก็กติกาของกลุ่มว่า "สานครบชั่วโมงต้องลุก" ที่ อสอช. คิดขึ้นเอง', "mechanism.agreement",
          a="innovation", keep="innovation"),
        P("อย่างแรกให้เริ่มจากกลุ่มที่รวมกันอยู่แล้ว อย่าไปตั้งกลุ่มใหม่เพื่อทำโครงการ", "recommendation.group"),
        P("อย่างที่สองให้คนในกลุ่มตั้งเป้าเอง แล้วเขียนไว้ให้ทุกคนเห็น", "recommendation.group"),
        P("คืออยากให้ อบต. ใส่กลุ่มจักสานไว้ในแผนพัฒนาท้องถิ่น จะได้มีงบต่อเนื่อง ไม่ต้องลุ้นทุกปี",
          "policy recommendation.agency"),
        P("แล้วอยากให้ประกันสังคมมีทางส่งเงินสมทบล่วงหน้าช่วงที่ขายดี เพราะรายได้เราไม่ได้มาทุกเดือน",
          "recommendation.agency social_protection.section40"),
        P("อีกเรื่องคือไฟพรุ อยากให้จังหวัดมีระบบเตือนควันที่ชาวบ้านเข้าถึงได้ก่อนเข้าไปตัดกระจูด",
          a="recommendation.agency", b="ohs", keep="recommendation.agency"),
        P("ฝั่ง รพ.สต. อยากให้ตำบลอื่นเอาเรื่องงานเข้าไปอยู่ในการตรวจสุขภาพปกติเลยค่ะ", "recommendation.group",
          a="policy"),
    ],
    "interviews/pattani-nong-chik_interview.txt": [
        P("แต่ละปีของในอ่าวน้อยลง เรืออวนรุนเข้ามากวาดใกล้ฝั่ง อวนเราขาดบ่อย", "context.economy",
          b="obstacle.external"),
        P("พอถึงหน้ามรสุมปลายปี ออกเรือไม่ได้สองสามเดือน ไม่มีเงินก็ต้องไปเบิกแพปลาก่อน "
          "แล้วต้องขายปลาให้เขาในราคาที่เขาให้ หนี้มันวนอยู่อย่างนั้น", "context.economy"),
        P("ปี 62 เสียคนไปสองคน คนหนึ่งเป็นญาติผม เรือคว่ำตอนคลื่นแรง ไม่มีใครใส่เสื้อชูชีพ", "context.work_risk"),
        P("อีกอย่างก็โดนเงี่ยงปลาดุกทะเลแทง ปวดจนนอนไม่หลับ ทำยาพื้นบ้านกันเอง ตาก็แสบ "
          "เป็นต้อเนื้อกันหลายคนเพราะแดดสะท้อนน้ำทั้งวัน", "context.work_risk"),
        P("ตอนแรกเทศบาลไม่เคยคิดว่ากองทุนจะใช้กับกลุ่มอาชีพได้ค่ะ เราใช้กับผู้สูงอายุ เด็ก โรคเรื้อรังเป็นหลัก",
          "mechanism.health_fund", a="context"),
        P("พอพี่เลี้ยงจังหวัดมาอธิบายว่าการป้องกันการจมน้ำและการบาดเจ็บจากการทำงานเป็นงานป้องกันโรคที่กองทุนสนับสนุนได้ "
          "กรรมการกองทุนก็เห็นด้วย", "mechanism.mentor mechanism.health_fund",
          memo="พี่เลี้ยงตีความระเบียบกองทุนให้ครอบคลุมงานอาชีพ"),
        P("เพราะเรื่องคนจมน้ำตายมันเป็นเรื่องที่ทั้งชุมชนเจ็บปวด ไม่ต้องอธิบายมาก", a="success",
          b="success.local_fit", keep="success"),
        P("ปี 64 มีเลือกตั้งเทศบาล ผู้บริหารเปลี่ยน คณะกรรมการกองทุนต้องตั้งใหม่ โครงการที่เราเสนอไว้ค้างอยู่หลายเดือน",
          "obstacle.administration", a="obstacle.external"),
        P("แต่บังอาลีก็ยังนัดคนมาประชุมทุกเดือน เขาบอกว่าไม่ได้เงินก็ยังต้องเจอกัน", "success.leadership"),
        P("คนที่อยู่เรือข้างๆ เคยผ่านการอบรม เขาโยนห่วงชูชีพ ดึงขึ้นมา แล้วกดหน้าอกตามที่ฝึกจนเด็กหายใจ "
          "รอกู้ภัยมารับ เด็กรอด", "outcomes.health", a="activities.training", b="ohs", keep="ohs"),
        P("หลังจากนั้นไม่ต้องชวนเลย คนมาขอฝึก CPR เอง เสื้อชูชีพก็มายืมมากขึ้น", "outcomes.behaviour"),
        P("เก็บที่ศาลานี้ ยืมฟรี ผมจดบัญชีว่าเรือไหนยืมไปกี่ตัว", "innovation", b="ohs", keep="ohs"),
        P("ตอนนี้มีแปดสิบห้าตัว เรือที่มีเสื้อขึ้นมาเป็นสี่สิบสามลำ", "outputs"),
        P("เพราะเสื้อที่ซื้อมาหนา ร้อน ใส่ดึงอวนไม่สะดวก คนเลยวางไว้ท้ายเรือ ถ้าเรือคว่ำเร็วๆ ก็หยิบไม่ทัน",
          "obstacle", a="ohs", keep="ohs"),
        P("บทเรียนคืออุปกรณ์ต้องเหมาะกับงานจริง ตอนซื้อครั้งแรกดูแค่ราคากับมาตรฐาน ไม่ได้ให้ชาวประมงลองใส่ทำงานก่อน "
          "ถ้าทำใหม่ต้องให้ลองก่อนซื้อ", "recommendation.group", a="ohs"),
        P("ติดหน้ามรสุมครับ สองสามเดือนไม่มีรายได้ เงินสมทบก็ขาด", "obstacle.income social_protection.section40"),
        P("อีกอย่างคนยังไม่ค่อยเชื่อว่ามาตรา 40 ใช้ได้จริง จนมีคนในกลุ่มได้เงินชดเชยตอนนอนโรงพยาบาล"
          "เพราะโดนเงี่ยงปลาแทงติดเชื้อ คนถึงเริ่มสนใจ", "success.tangible_benefit social_protection.section40"),
        P("ตอนนี้มีความคิดจากกรรมการมัสยิดว่าจะเอาเงินซะกาตมาช่วยส่งเงินสมทบให้บ้านที่ยากจนที่สุดช่วงมรสุม",
          "innovation", a="partners.community", b="social_protection.section40",
          keep="partners.community social_protection.section40"),
        P("กลุ่มแม่บ้านของก๊ะแยนะทำข้าวเกรียบปลาจากปลาที่ขายไม่ได้ราคา ตอนนี้สิบสี่คน ขายได้เดือนละหมื่นกว่าบาท",
          "livelihood", a="outcomes.economic", keep="outcomes.economic"),
        P("แล้วผู้หญิงเป็นคนเตือนเรื่องส่งเงินสมทบ เป็นคนเช็คกลุ่มไลน์เตือนคลื่นลมก่อนสามีออกเรือด้วย",
          a="partners.participation", b="ohs", keep="partners.participation"),
        P("อสอช. ห้าคนเป็นคนส่งข่าวครับ เขาเอาประกาศของกรมอุตุฯ มาแปลเป็นภาษาบ้านเรา พูดเป็นเสียงส่งในกลุ่ม",
          "innovation", a="mechanism.service_unit", b="ohs", keep="ohs"),
        P("หนึ่ง มีเรื่องที่ชุมชนเจ็บร่วมกันคือการจมน้ำ สอง เทศบาลมีทั้งกองทุนและหน่วยกู้ภัยอยู่ในมือ ทำงานร่วมกันได้เลย",
          "success", a="success.partnership", keep="success.partnership"),
        P("สาม พี่เลี้ยงช่วยเชื่อมกับประกันสังคมจังหวัด ประมงอำเภอ และโรงพยาบาล ซึ่งกลุ่มติดต่อเองยาก",
          "mechanism.mentor success.partnership"),
        P("อีกอย่างคือเรื่องเด็กที่รอดชีวิตทำให้กรรมการกองทุนเห็นผลชัด ปี 67 อนุมัติโครงการต่อง่ายมาก", "success",
          b="mechanism.health_fund"),
        P("ผมขอเพิ่มว่าต้องให้ชาวประมงเป็นคนตั้งเป้าเองครับ ตัวเลขร้อยละแปดสิบนั่นพวกผมตั้งกันเอง ไม่ถึงก็ไม่อาย",
          "goals", a="success", b="partners.participation", keep="success"),
        P("อยากให้กรมประมงหรือจังหวัดมีเสื้อชูชีพแบบใส่ทำงานได้แจกให้เรือประมงพื้นบ้านทุกลำ", "recommendation.agency",
          a="ohs", keep="ohs"),
        P("อยากให้ประกันสังคมให้ส่งเงินสมทบล่วงหน้าหรือส่งย้อนหลังได้ตามฤดูปลา",
          "recommendation.agency social_protection.section40"),
        P("แล้วอยากให้ดูแลเรื่องเรืออวนรุนเข้าใกล้ฝั่งจริงจัง เพราะถ้าไม่มีปลา เรื่องอื่นก็ไปต่อไม่ได้",
          "recommendation.agency", a="livelihood", b="policy", keep="livelihood"),
        P("ฝั่งท้องถิ่นอยากให้ธนาคารเสื้อชูชีพกับการฝึก CPR เป็นงานประจำของเทศบาลชายฝั่งทุกแห่งค่ะ "
          "ไม่ต้องเป็นโครงการปีต่อปี", "policy", a="recommendation.agency", keep="recommendation.agency"),
    ],
    "interviews/songkhla-khae_interview.txt": [
        P("ตอนปี 62 บังเจริญประธานกลุ่มชวนมาช่วยเก็บแบบสำรวจ เพราะเห็นว่าเมาะรู้จักคนกรีดทุกหมู่บ้าน",
          "activities.assessment", b="success.leadership"),
        P("เลยมาเป็น อสอช. ตอนที่ตั้งกันปี 63", a="mechanism.service_unit", keep="mechanism.service_unit"),
        P("ยาฆ่าหญ้าค่ะ เกือบสองในสามของคนกรีดใช้ ฉีดกันแบบไม่มีอะไรป้องกัน บางคนผสมยาด้วยมือ", "context.work_risk"),
        P("แล้วพอ รพ.สต. ตรวจเลือด ออกมาไม่ปลอดภัยกับเสี่ยงรวมกันสี่สิบกว่าเปอร์เซ็นต์", "activities.assessment",
          a="partners.health_service", keep="partners.health_service"),
        P("เขาตกใจมาก บางคนร้องไห้เพราะห่วงลูก ตรงนั้นเองที่คนเริ่มฟัง", a="success", b="outcomes.behaviour",
          keep="success", memo="ผลเลือดของตัวเองเป็นจุดเปลี่ยน"),
        P("ส่วนใหญ่หันไปใช้เครื่องตัดหญ้า แต่มันมีอันตรายแบบใหม่ค่ะ หินกระเด็นเข้าตา ปี 64 เจ็บที่ตาห้าคน",
          "outcomes.behaviour", a="context.work_risk", b="obstacle", keep="obstacle"),
        P("เราเลยเอาเงินกองทุนซื้อหน้ากากกันกระเด็นกับที่ครอบหูมาแจก และสอนให้พักมือทุกครึ่งชั่วโมงเพราะเครื่องมันสั่น",
          "ohs", a="mechanism.health_fund", keep="mechanism.health_fund"),
        P("ปีต่อมาเหลือเจ็บคนเดียว", "outcomes.health"),
        P("บทเรียนคือพอเลิกความเสี่ยงหนึ่ง ต้องดูด้วยว่ามีความเสี่ยงใหม่อะไรมาแทน", "recommendation.group"),
        P("คนฟังแล้วคิดเลยว่าถ้าเลี้ยงก็ต้องเลิกฉีด ได้ทั้งน้ำผึ้งขายได้ทั้งสุขภาพ", "success.tangible_benefit",
          a="innovation", keep="innovation"),
        P("ตอนนี้ยี่สิบสามบ้าน ร้อยกว่ากล่อง ช่วงเก็บน้ำผึ้งบางบ้านได้เดือนละสองสามพัน", "outcomes.economic",
          b="livelihood", keep="livelihood"),
        P("มันเลยเป็นการเลิกสารเคมีที่คนทำเพราะอยากทำ ไม่ใช่เพราะถูกบอกให้ทำ", "outcomes.behaviour",
          a="success.tangible_benefit"),
        P("ตอนแรกกรรมการบางคนไม่เห็นด้วยค่ะ บอกว่าเงินกองทุนสุขภาพจะเอามาทำอาชีพได้อย่างไร",
          "obstacle.administration", b="mechanism.health_fund", keep="mechanism.health_fund"),
        P("พี่ประพันธ์พี่เลี้ยงจังหวัดไปช่วยอธิบายในที่ประชุมกองทุนว่ากล่องชันโรงเป็นเครื่องมือลดการสัมผัสสารเคมี "
          "มีผลตรวจเลือดยืนยัน", "mechanism.mentor"),
        P("เรื่องนี้สอนเราว่าต้องเขียนโครงการให้เห็นว่าผลทางสุขภาพคืออะไร ไม่ใช่เขียนแค่ว่าจะซื้ออะไร",
          "recommendation.group", a="mechanism.health_fund"),
        P("หน่วยที่หมู่ 2 เปิดวันที่ลานรับซื้อยางรับซื้อค่ะ เพราะคนมาขายยางวันนั้นอยู่แล้ว มีเงินในมือด้วย",
          "mechanism.service_unit success.local_fit"),
        P("อสอช. แปดคนแบ่งกันดูแลหมู่บ้าน เมาะมีสมุดจดว่าใครส่งเงินแล้วบ้าง ถ้าใครขาดสองเดือนจะไปหาที่บ้าน",
          "mechanism.service_unit", a="social_protection.section40", keep="social_protection.section40"),
        P("สองคือประกันสังคมจังหวัดสงขลามารับสมัครถึงหน่วยปีละสองครั้ง ไม่ต้องไปในเมือง", "partners.agency",
          b="social_protection.section40"),
        P("สามคือมีคนได้ประโยชน์จริง มีพี่คนหนึ่งมีดกรีดยางบาดลึกต้องหยุดงานหลายวัน ได้เงินชดเชย",
          "success.tangible_benefit social_protection.section40"),
        P("แต่ที่ยังขาดส่งเก้าคน ส่วนใหญ่เป็นช่วงยางผลัดใบที่ไม่มีรายได้", "obstacle.income"),
        P("สวนที่เรารับจ้างกรีด เจ้าของสวนเป็นคนตัดสิน บางคนยังสั่งให้ฉีดเพราะถูกกว่าจ้างตัดหญ้า "
          "คนกรีดไม่กล้าขัดเพราะกลัวเขาไม่ให้กรีดต่อ", "obstacle", a="context"),
        P("และถ้าตำบลมีข้อตกลงร่วมในธรรมนูญสุขภาพตำบล เจ้าของสวนจะฟังมากกว่าที่เราไปบอกเอง", "policy",
          a="recommendation.group", b="mechanism.agreement", keep="recommendation.group"),
        P("งานหลายอย่างไปรอที่บังเจริญคนเดียว ทั้งเขียนโครงการ ทั้งประสานหน่วยงาน ทั้งทำบัญชี "
          "ช่วงที่แกป่วยปลายปี 65 งานหยุดไปเกือบสองเดือน", "obstacle", a="success.leadership",
          b="obstacle.participation", keep="obstacle.participation"),
        P("อีกเรื่องคือเด็กหนุ่มสาวไปทำงานโรงงานที่หาดใหญ่ เหลือแต่คนอายุมาก", "obstacle.participation"),
        P("ส่วนเครื่องตัดหญ้าก็แพง น้ำมันก็แพง บ้านที่ไม่มีเงินบางบ้านก็แอบกลับไปใช้ยาฆ่าหญ้าอีก", "obstacle.income",
          b="obstacle"),
        P("หนึ่ง ตัวเลขผลเลือดที่ตรวจซ้ำทุกปี ทำให้คนเห็นว่าตัวเองดีขึ้นจริง", "success"),
        P("สอง ชันโรง เพราะเป็นเหตุผลทางรายได้ที่ทำให้คนอยากเลิกสารเคมี", "success.tangible_benefit"),
        P("สาม กองทุน อบต. ที่สนับสนุนต่อเนื่องสี่โครงการ กับพี่เลี้ยงที่คอยเชื่อมเราไปหาหน่วยงาน",
          "mechanism.health_fund mechanism.mentor", a="success.partnership", keep="success.partnership"),
        P("ส่วนคำแนะนำ อย่าเริ่มจากห้ามค่ะ ให้เริ่มจากตรวจเลือดให้เห็นของจริงก่อน แล้วหาทางเลือกที่ได้เงินด้วย",
          "recommendation.group"),
        P("อีกอย่างคือให้ผู้หญิงเข้ามาเป็น อสอช. เยอะๆ ผู้หญิงรู้ว่าบ้านไหนเก็บยาไว้ที่ไหน ใครป่วย ใครไม่ส่งเงินสมทบ",
          "recommendation.group", b="partners.participation"),
        P("อยากให้การตรวจสารเคมีในเลือดเป็นบริการประจำของ รพ.สต. ทุกปี", "recommendation.agency", a="policy",
          keep="policy"),
        P("อยากให้ประกันสังคมให้ส่งเงินสมทบแบบตามฤดูยางได้ ช่วงยางผลัดใบให้เว้นได้โดยไม่เสียสิทธิ์",
          "recommendation.agency social_protection.section40"),
        P("และอยากให้เกษตรอำเภอมีเครื่องตัดหญ้ากลางให้กลุ่มยืม หรือช่วยให้กลุ่มซื้อร่วมกัน", "recommendation.agency"),
        P("เมาะกล้าพูดมากขึ้นค่ะ เมื่อก่อนไม่เคยพูดในที่ประชุม อบต. ตอนนี้ไปนำเสนอในเวทีอำเภอได้", "outcomes.social"),
        P("แต่เปลี่ยนว่าคนกรีดยางมองตัวเองว่าเป็นแรงงานที่มีสิทธิ์ ไม่ใช่แค่คนรับจ้าง", "outcomes.social",
          a="organisation", keep="organisation"),
    ],
    "interviews/phatthalung-town_interview.txt": [
        P("ก่อนปี 62 ต่างคนต่างขับ วินใครวินมัน ใครล้มก็ลงขันกันคนละร้อยสองร้อยไปเยี่ยม จบแค่นั้น", "context",
          b="organisation"),
        P("ส่วนใหญ่ไม่มีประกันอะไรเลย นอกจากบัตรทองกับ พ.ร.บ.รถ", "context", a="social_protection",
          keep="social_protection"),
        P("เวลาเจ็บหนักหยุดขับเป็นเดือน เมียต้องไปยืมเงินนอกระบบมาจ่ายค่างวดรถ", "context.economy"),
        P("แล้วช่วงหลังมีแอปรับส่งเข้ามา ผู้โดยสารหายไปอีก รายได้จากวันละห้าร้อยเหลือสามร้อยกว่า", "context.economy",
          b="obstacle.external"),
        P("ฝั่งเทศบาลเองก็ไม่เคยมองคนกลุ่มนี้เป็นกลุ่มเป้าหมายด้านสุขภาพค่ะ", a="context",
          b="partners.local_government", keep="context"),
        P("ห้องฉุกเฉินโรงพยาบาลพัทลุงบอกว่าผู้บาดเจ็บจากรถจักรยานยนต์ในเขตเมืองมีคนขับรับจ้างกับผู้โดยสารของเขาอยู่ทุกเดือน",
          "context.work_risk", a="activities.assessment"),
        P("อีกอย่างกลุ่มวินมีหัวหน้าชัดเจน มีทะเบียนกับขนส่ง นับคนได้", "organisation", b="success.leadership"),
        P("ตั้งไว้สี่ข้อค่ะ มีหน่วยบริการชุมชนสองหน่วย ให้คนขับมีมาตรา 40 อย่างน้อยร้อยละ 60 มี อสอช. สิบคน "
          "และอุบัติเหตุลดลงร้อยละ 30", "goals"),
        P("ตัวเลขพวกนี้มาจากแบบสำรวจที่พี่สิทธิ์กับหัวหน้าวินช่วยกันเก็บ 146 คน ตอนนั้นมีมาตรา 40 อยู่แค่ร้อยละ 26",
          "activities.assessment"),
        P("ที่ดีคือเป้าเป็นของคนขับเอง ไม่ใช่เทศบาลตั้งให้", "success", a="goals", b="partners.participation",
          keep="goals"),
        P("ปี 63 เพิ่งได้งบจากกองทุนมาก็เจอโควิด ห้ามรวมกลุ่ม ผู้โดยสารไม่มี", "obstacle.external"),
        P("เราก็เลยเปลี่ยนมาทำวินส่งของจากตลาด แม่ค้าในตลาดโทรมาสั่ง คนขับไปส่งผักส่งกับข้าวให้คนแก่ที่ออกจากบ้านไม่ได้",
          "livelihood", a="innovation", keep="innovation"),
        P("แทนที่จะเชิญมาห้องประชุมเทศบาล เราพาหน่วยงานไปหาเขาที่ลานจอดรถข้างตลาด", "success.local_fit",
          a="activities.training", keep="activities.training"),
        P("มีตำรวจจราจร มี 1669 ของโรงพยาบาล มีประกันสังคมจังหวัดมาตั้งโต๊ะรับสมัคร วันเดียวได้สมาชิกมาตรา 40 ใหม่ 19 คน",
          "partners.agency", a="outputs", b="social_protection.section40", keep="outputs social_protection.section40"),
        P("ที่ศาลามีกล่องยา ที่วัดความดัน สมุดลงชื่อ กับบอร์ดเรื่องสิทธิ อสอช. ที่เป็นคนขับด้วยกันผลัดกันดู",
          "mechanism.service_unit"),
        P("สำคัญคือเป็นคนขับด้วยกัน คุยภาษาเดียวกัน", "success.local_fit", b="success"),
        P("ส่วนเรื่องเขียนโครงการ ทำแผนให้ผ่านกรรมการกองทุน และรายงานผลขึ้นเว็บไซต์ พี่เลี้ยงช่วยเกือบทั้งหมด "
          "พวกผมไม่ถนัดเอกสาร", "mechanism.mentor", a="obstacle.administration", keep="obstacle.administration"),
        P("มาตรา 40 ไปถึงร้อยละ 61.8 ตามเป้า หน่วยบริการครบสองหน่วย อุบัติเหตุของสมาชิกจาก 31 ครั้งเหลือ 19 ครั้ง",
          "outcomes.health social_protection.section40", b="outputs", keep="outputs"),
        P("แต่ อสอช. ได้ 8 คน ยังไม่ครบสิบ", a="obstacle.participation", b="outputs", keep="outputs"),
        P("ตอนคัดกรองเจอเครียดมากเจ็ดคน ส่วนมากเรื่องหนี้ สามคนยอมไปคลินิกให้คำปรึกษาที่โรงพยาบาล", "outcomes.health",
          a="activities.assessment"),
        P("ตรงนี้ยอมรับว่ายังอ่อน เจ้าหน้าที่ของเราไม่มีทักษะให้คำปรึกษา ต้องพึ่งโรงพยาบาล", "obstacle"),
        P("คนหนึ่งขาหักหยุดขับสองเดือน ได้เงินจากประกันสังคม ไม่ต้องไปกู้นอกระบบ",
          "success.tangible_benefit social_protection.section40"),
        P("อีกเรื่องคือคนขับเราเข้าไปช่วยที่เกิดเหตุได้ถูกวิธี สิบกว่าครั้งแล้ว คนในเมืองเริ่มมองวินดีขึ้น",
          "outcomes.social", a="ohs", b="outcomes.behaviour"),
        P("วงคุยเย็นวันศุกร์ก็ช่วยเรื่องใจ อย่างน้อยรู้ว่าไม่ได้ลำบากคนเดียว", "outcomes.social", b="mechanism"),
        P("กลุ่มออมเริ่ม 41 คน ออมวันละ 20 บาท ตอนนี้เหลือคนออมสม่ำเสมอ 23 คน", "mechanism.savings"),
        P("แต่ที่หายไปเพราะวันไหนได้น้อยเขาก็ไม่อยากหยอด เราคิดว่าจะเปลี่ยนเป็นออมรายสัปดาห์", "obstacle.income",
          b="mechanism.savings", keep="mechanism.savings"),
        P("เรื่องรายได้ตรง ๆ เรายังแก้ไม่ได้ แข่งกับแอปลำบาก ได้แค่ให้บริการส่งของจากตลาดเป็นรายได้เสริม", "livelihood",
          a="obstacle.external", keep="obstacle.external"),
        P("หนึ่งคือคนขับรุ่นใหม่ที่ขับผ่านแอปค่ะ เขาไม่มีวิน ไม่มีหัวหน้า ไม่รู้จะติดต่อที่ไหน",
          "obstacle.participation", b="organisation"),
        P("สองคือคนขับอายุเกินหกสิบ 14 คน สมัครมาตรา 40 ไม่ได้ เราพาไปได้แค่เบี้ยผู้สูงอายุกับบัตรทอง",
          "obstacle social_protection"),
        P("สามคือความไว้ใจ วินในชุมชนบางวินยังคิดว่าเทศบาลมาเพื่อจับผิดเรื่องใบอนุญาต ต้องให้หัวหน้าวินไปคุยเองทีละวิน",
          "obstacle.participation", a="success.leadership"),
        P("หนึ่ง มีหัวหน้าวินที่คนเชื่อถือเป็นแกนนำเอง", "success.leadership"),
        P("สอง กองทุนฯ ของเทศบาลให้งบต่อเนื่องทุกปีแม้ปีละไม่มาก", "mechanism.health_fund", a="success", keep="success"),
        P("สาม พี่เลี้ยงที่ช่วยเรื่องเอกสารและพาไปรู้จักหน่วยงาน", "mechanism.mentor success.partnership"),
        P("สี่ ทำงานในที่ที่คนทำงานอยู่ ไม่ใช่ให้เขามาหาเรา", "success.local_fit"),
        P("และห้า คนขับเห็นผลเป็นเงินจริง ไม่ใช่แค่อบรมแล้วแจกเอกสาร", "success.tangible_benefit"),
        P("ทางเทศบาลจะเสนอให้งานนี้อยู่ในแผนสุขภาพของกองทุนฯ เป็นงานประจำ ไม่ต้องรอโครงการ", "policy"),
        P("อยากให้ขนส่งจังหวัดแนบข้อมูลมาตรา 40 ไปกับการต่อทะเบียนเสื้อวินทุกปี", "recommendation.agency",
          a="social_protection.section40", keep="social_protection.section40"),
        P("และอยากให้แรงงานจังหวัดพัทลุงใส่กลุ่มคนขับรับจ้าง รวมถึงคนขับผ่านแอป "
          "ไว้ในแผนพัฒนาคุณภาพชีวิตแรงงานนอกระบบจังหวัด", "recommendation.agency policy"),
        P("ส่วนกองทุนฯ ท้องถิ่นที่อื่น ถ้ามีวินอยู่ในเขต ลองให้หัวหน้าวินเขียนโครงการเองโดยมีพี่เลี้ยงประกบ",
          "recommendation.group"),
        P("ที่กลัวคือถ้าผมเลิกขับแล้วไม่มีใครรับต่อ", "obstacle", a="success.leadership", b="obstacle.participation"),
    ],
    "interviews/trang-huai-yot_interview.txt": [
        P("กรีดแบ่งให้เจ้าของสวนหกสิบสี่สิบ ออกจากบ้านตีหนึ่ง กลับมาเก็บน้ำยางขายตอนเจ็ดแปดโมง", "context"),
        P("ปวดหลังก็ซื้อยาแก้ปวดกิน ฉีดยาหญ้าก็มือเปล่า คิดว่าเป็นเรื่องปกติของอาชีพ", "context.work_risk"),
        P("พอราคายางตกเหลือสี่สิบกว่าบาท หลายบ้านมีหนี้ ธ.ก.ส. ด้วย นอกระบบด้วย", "context.economy"),
        P("พยาบาลกัลยาให้พวกเราวาดวันหนึ่งของคนกรีดแล้วติดสติกเกอร์ตรงที่เสี่ยง ออกมาสามเรื่องใหญ่",
          "activities.assessment", a="innovation", keep="innovation"),
        P("แล้วตั้งเป้ากันว่าจะมีหน่วยบริการสามหน่วย มีมาตรา 40 ให้ได้ร้อยละหกสิบ ตรวจเลือดร้อยคน มี อสอช. สิบห้าคน",
          "goals"),
        P("รอบแรกตรวจเก้าสิบหกคน เสี่ยงกับไม่ปลอดภัยเกือบสามสิบคน", "activities.assessment"),
        P("คนที่ได้กระดาษผลสีเหลืองสีแดงกลับบ้านไปเล่าให้เมียให้ผัวฟัง มันได้ผลกว่าคนมาบรรยายเป็นชั่วโมง", "success",
          b="success.tangible_benefit"),
        P("พอตรวจรอบสองปี 66 คนเสี่ยงเหลือราวร้อยละสิบสาม คนใส่ถุงมือใส่หน้ากากเพิ่มขึ้นเห็นได้ชัด "
          "บางสวนเลิกฉีดหันมาตัดหญ้าแทน", "outcomes.health outcomes.behaviour", a="ohs", keep="ohs"),
        P("เจ้าของสวนเป็นคนซื้อยามาให้ฉีด บางคนอยู่ในเมือง ไม่เคยมาประชุม", "obstacle"),
        P("พี่คิดว่าถ้าจะทำต่อต้องชวนเจ้าของสวนเข้ามาเป็นคณะทำงานด้วย ไม่ใช่คุยกันแต่คนกรีด", "recommendation.group",
          b="mechanism.working_group"),
        P("เราตกลงกันว่าผู้หญิงออกสวนเป็นคู่ถ้าสวนอยู่ติดกัน ถ้าไม่ได้ก็ส่งข้อความในกลุ่มไลน์ตอนออกจากบ้านกับตอนถึงบ้าน",
          "mechanism.agreement ohs", a="innovation", keep="innovation"),
        P("ปีที่แล้วมีน้องคนหนึ่งลื่นล้มข้อเท้าพลิกในสวน โทรไม่ติด ได้เพื่อนที่เห็นว่าไม่ส่งข้อความไปตามเจอ",
          a="outcomes.health", b="outcomes.social", keep="outcomes.health"),
        P("อีกอย่างคือพกไฟฉายคาดหัวสำรองกับไม้เคาะทาง งูกัดจากห้าคนเหลือหนึ่งคน", "outcomes.health", a="ohs"),
        P("เพราะคนกรีดต้องมาที่นี่ทุกเช้าอยู่แล้วค่ะ รอชั่งน้ำยางครึ่งชั่วโมง ตรงนั้นเราวัดความดัน ทำแผลมีดบาด "
          "ชวนทำท่ายืดหลัง", "mechanism.service_unit success.local_fit"),
        P("แล้วก็มีสมุดเรื่องมาตรา 40 ใครยังไม่สมัคร ใครขาดส่ง เราตามตรงนี้", "social_protection.section40",
          a="mechanism.service_unit", keep="mechanism.service_unit"),
        P("ตอนแรกคนสมัครแล้วก็ขาดส่ง เพราะลืมบ้าง ไม่มีเวลาไปจ่ายบ้าง พอขาดส่งก็หมดสิทธิ์",
          "obstacle social_protection.section40"),
        P("คุณชาตรีพี่เลี้ยงเลยถามว่าสหกรณ์หักให้ได้ไหม เพราะเราขายน้ำยางให้สหกรณ์ทุกวันอยู่แล้ว",
          "innovation mechanism.mentor", b="partners.community", keep="partners.community"),
        P("ผู้จัดการสหกรณ์เอาเข้าที่ประชุมใหญ่ ผ่านเมื่อปี 65 ตอนนี้หักเดือนละร้อยบาท สี่สิบกว่าคนไม่มีใครขาดส่งเลย",
          "social_protection.section40", a="outcomes", b="partners.community", keep="partners.community"),
        P("แต่คนที่ขายให้ลานเอกชนยังต้องไปจ่ายเอง ตัวเลขรวมก็เลยยังไม่ถึงหกสิบ ได้ห้าสิบกว่าเปอร์เซ็นต์", "outputs",
          a="obstacle", keep="obstacle"),
        P("มีคนกรีดโดนมีดบาดลึกต้องเย็บ หยุดกรีดสิบวัน ได้เงินชดเชยขาดรายได้",
          "social_protection.section40 success.tangible_benefit"),
        P("ส่วนพี่เองคิดเรื่องบำเหน็จตอนแก่มากกว่า เพราะคนกรีดยางไม่มีเงินเกษียณ", "social_protection"),
        P("กองทุนฯ ให้งบทุกปีค่ะ สี่ปีรวมแสนห้า ได้ค่าตรวจเลือด ค่าอุปกรณ์ ค่าถังล้างตา", "mechanism.health_fund"),
        P("แต่ปัญหาคือเงินออกช้า ปีแรกอนุมัติแล้วแต่ระเบียบจัดซื้อทำให้กว่าจะได้เงินก็สามเดือน พวกเราต้องออกเงินกันเองไปก่อน",
          "obstacle.administration"),
        P("ถ้าไม่มีคุณชาตรีช่วยทำเอกสารเบิก ช่วยรายงานขึ้นเว็บ พวกเราคงทิ้งไปแล้ว", "mechanism.mentor",
          a="success.partnership", keep="success.partnership"),
        P("โรงพยาบาลห้วยยอดมาตรวจเลือดกับสอนเรื่องสารเคมี", "partners.health_service"),
        P("กยท. มาแนะนำเรื่องกรดกับการขึ้นทะเบียนคนกรีด ประกันสังคมจังหวัดตรังมารับสมัครถึงที่", "partners.agency"),
        P("แล้วช่วงหลังเครือข่ายแรงงานข้ามชาติในจังหวัดส่งล่ามมาช่วยตอนตรวจเลือดคนกรีดชาวพม่า ได้สิบสี่คน "
          "แต่เขายังไม่มีประกันอะไรเลย", "organisation", a="obstacle", b="partners", keep="obstacle"),
        P("ที่ทำได้คือหารายได้เสริม ยี่สิบกว่าบ้านปลูกผักเหลียงใต้ร่มยาง เลี้ยงไก่บ้าน ไปขายตลาดนัดเทศบาลทุกวันพุธ",
          "livelihood"),
        P("ได้เดือนละพันกว่าบาท ไม่มาก แต่ได้เงินทุกอาทิตย์ ไม่ต้องรอยาง", "outcomes.economic", b="livelihood"),
        P("และผู้หญิงที่ไปขายด้วยกันก็ได้คุยกัน เรื่องเครียดก็ได้ระบายกันตรงนั้น เหมือนเป็นวงคุยไปในตัว",
          "outcomes.social"),
        P("อสอช. ได้สิบสองคน ไม่ถึงสิบห้า เพราะคนหนุ่มสาวไปทำงานนอกพื้นที่ เหลือแต่คนอายุห้าสิบหกสิบ",
          "obstacle.participation", a="outputs"),
        P("ถ้าทำใหม่พี่จะชวนเจ้าของสวนกับลานรับซื้อเอกชนมาตั้งแต่วันแรก", "recommendation.group"),
        P("ตอนนี้ไปเล่าที่เวทีจังหวัดมาแล้วสองครั้ง รู้จักคนจากกลุ่มอื่น ทั้งกลุ่มประมง กลุ่มจักสาน "
          "รู้ว่าคนทำงานนอกระบบมีปัญหาคล้ายกัน ก็มีกำลังใจขึ้น", "outcomes.social organisation"),
        P("อยากให้ กยท. ใช้ทะเบียนคนกรีดยางที่มีอยู่แล้วมาช่วยชวนคนเข้ามาตรา 40",
          "recommendation.agency social_protection.section40"),
        P("และให้สหกรณ์ทุกแห่งในจังหวัดทำเรื่องหักเงินสมทบแบบของเรา", "recommendation.agency", a="policy",
          keep="policy"),
        P("อยากให้โรงพยาบาลตรวจเลือดคนกรีดทุกปีเป็นบริการประจำ ไม่ต้องรอโครงการ", "recommendation.agency", b="policy"),
        P("ส่วนพื้นที่อื่นที่เป็นสวนยาง อยากบอกว่าให้ไปหาคนกรีดตรงที่เขาขายน้ำยาง และให้เขาเห็นตัวเลขของตัวเอง",
          "recommendation.group"),
    ],
    "interviews/satun-na-thon_interview.txt": [
        P("กลุ่มมีมานานแล้ว แต่เป็นกลุ่มแค่ชื่อ ต่างคนต่างสานอยู่ใต้ถุนบ้าน", "context", a="organisation"),
        P("พ่อค้ามารับเสื่อรับกระบุงถึงบ้าน ให้ราคาเท่าไหร่ก็เท่านั้น ได้เดือนละสองพันกว่าบาท", "context.economy"),
        P("ปวดหลังปวดเข่ากันทุกคน มีดบาดมือก็พันผ้าเอา ไม่เคยคิดว่าเป็นเรื่องต้องไปหาหมอ", "context.work_risk"),
        P("ที่หนักใจที่สุดตอนนั้นคือต้นคลุ้มในป่าหมดลงเรื่อย ๆ ต้องเดินเข้าไปไกลขึ้น เจองู เจอยุง", "context",
          a="livelihood", b="context.work_risk", keep="livelihood"),
        P("แต่พอในวงประชาคมให้พูดเรื่องที่อยากแก้ คนสานพูดเรื่องขายของกับเรื่องคลุ้มหมดก่อน รอฮานีก็ไม่ได้ห้าม "
          "บอกว่าใส่ไว้ในโครงการได้", "partners.participation", a="mechanism.mentor", b="success",
          keep="mechanism.mentor"),
        P("ก๊ะเลยรู้สึกว่าโครงการนี้ฟังเรา ไม่ได้มาสั่ง", "success"),
        P("ช่างสาน 87 คน อายุเกินหกสิบถึง 31 คน คนที่ยังสมัครมาตรา 40 ได้ 56 คน แต่มีจริงแค่ 12 คน",
          "activities.assessment", a="social_protection.section40", keep="social_protection.section40"),
        P("แล้วยังมีเก้าบ้านที่รมกำมะถันในห้องปิด ไอกันทั้งบ้าน", "context.work_risk"),
        P("งานนี้เลยเป็นครั้งแรกที่กองทุนฯ ให้เงินกับกลุ่มคนทำงานโดยตรง", "mechanism.health_fund", a="innovation"),
        P("ถ้าเราตั้งเป้าแค่มาตรา 40 เท่ากับทิ้งคนหนึ่งในสามของกลุ่ม เราเลยตั้งเป้าแยกอีกข้อ "
          "ให้ผู้สูงอายุเข้ากองทุนสวัสดิการชุมชนตำบลนาทอนอย่างน้อย 25 คน", "goals social_protection", b="innovation",
          memo="เป้าที่ไม่ทิ้งช่างสานสูงอายุ"),
        P("อีกข้อที่ต่างคือเป้าปลูกต้นคลุ้มสองไร่ เพราะถ้าไม่มีวัตถุดิบ กลุ่มก็อยู่ไม่ได้", "goals livelihood"),
        P("เราช่วยกันวาดแบบให้ช่างไม้ในหมู่บ้านทำ สูงคืบเดียว มีโต๊ะเอียงวางงาน ตอนนี้ยี่สิบกว่าคนใช้ประจำ",
          "innovation ohs"),
        P("อีกอย่างคือปลอกนิ้วที่สุนีย์เอาถุงมือยางเก่ามาตัดเย็บ ใส่ตอนจักตอก มีดบาดจากสี่สิบกว่าคนเหลือสิบสองคน",
          "innovation outcomes.health", a="ohs", keep="ohs"),
        P("แล้วเราเลิกรมกำมะถันในบ้านหมดทุกหลัง ใช้ตากแดดตากลมให้แห้งจริง ๆ แทน", "outcomes.behaviour", b="ohs",
          keep="ohs"),
        P("ช่างสานยี่สิบกว่าคนสายตายาวแต่ไม่เคยมีแว่น คุณอดุลย์เอาเงินกองทุนฯ ไม่กี่พันบาทมาช่วย "
          "แต่เขากลับมาสานลายละเอียดได้อีกครั้ง รายได้ก็ตามมา", "outcomes.health", a="mechanism.health_fund",
          b="outcomes.economic", keep="outcomes.economic"),
        P("ดีขึ้นค่ะ เฉลี่ยเดือนละสี่พันกว่า จากเดิมสองพันเก้า", "outcomes.economic"),
        P("วิทยาลัยชุมชนสตูลมาช่วยออกแบบของชิ้นเล็ก กระเป๋า ที่รองแก้ว โคมไฟ ขายนักท่องเที่ยวที่มาอุทยานธรณีโลก "
          "ได้ราคากว่าเสื่อผืนใหญ่", "livelihood", a="partners.agency", b="partners", keep="partners.agency"),
        P("ซารีนาหลานสาวในกลุ่มไปเรียนขายออนไลน์กับ กศน. แล้วเปิดเพจให้กลุ่ม สิบเดือนขายได้แสนแปดหมื่นกว่า",
          "livelihood", a="outcomes.economic", keep="outcomes.economic"),
        P("เราหักเข้ากองกลางห้าเปอร์เซ็นต์ ใครป่วยก็เอาเงินนี้ไปเยี่ยม", "mechanism.savings", b="social_protection"),
        P("แต่ตอนนี้เรารู้ราคาตลาดจากเพจ ต่อรองได้มากขึ้น", "outcomes.economic"),
        P("ที่ศูนย์เรียนรู้เปิดทุกวันที่มีวงสาน มีกล่องยา สมุดลงชื่อ อสอช. ห้าคนผลัดกันดู", "mechanism.service_unit"),
        P("อีกแห่งที่หมู่ห้าเปิดที่บ้านประธานกลุ่มเขาเพราะไม่มีศาลา ช้ากว่าที่ตั้งใจไปหลายเดือน", "obstacle",
          a="mechanism.service_unit", keep="mechanism.service_unit"),
        P("ผู้สูงอายุที่เคยนั่งสานคนเดียวที่บ้าน ตอนนี้มานั่งด้วยกัน คุยกัน หัวเราะกัน", "outcomes.social"),
        P("พยาบาลพรทิพย์บอกว่าผลคัดกรองซึมเศร้าของกลุ่มนี้ดีขึ้นชัดเจน", "outcomes.health",
          b="partners.health_service"),
        P("หนึ่งคือประกันสังคมจังหวัดสตูลมาเปิดรับสมัครที่ศูนย์เรียนรู้ สองคือ อสอช. ตามเตือนเรื่องส่งเงินทุกเดือน",
          "social_protection.section40", a="partners.agency", b="mechanism.service_unit",
          keep="partners.agency mechanism.service_unit"),
        P("สามคือก๊ะหวาพูดเองในวงว่ามาตรา 40 ได้บำเหน็จตอนแก่ คนเชื่อคนในกลุ่มมากกว่าเจ้าหน้าที่",
          "success.leadership", a="success.local_fit"),
        P("ส่วนผู้สูงอายุเข้ากองทุนสวัสดิการชุมชนได้ 27 คน เกินเป้า มีสามคนได้ค่ารักษาแล้ว", "social_protection outputs"),
        P("คนหนุ่มสาวค่ะ ต่ำกว่าสามสิบมาร่วมแค่หกคน เขาว่างานสานเป็นงานคนแก่ เงินน้อย", "obstacle.participation"),
        P("อีกเรื่องคือต้นคลุ้มที่ปลูก รอบแรกตายครึ่งหนึ่งเพราะปลูกหน้าแล้ง", "obstacle", b="obstacle.external",
          keep="obstacle.external"),
        P("ฝั่ง อบต. ต้องยอมรับว่าเจ้าหน้าที่ดูแลกองทุนเปลี่ยนคนสองครั้งในสามปีครับ ทุกครั้งโครงการสะดุด เอกสารค้าง",
          "obstacle.administration"),
        P("ถ้าไม่มีพี่เลี้ยงช่วยประคองการเขียนโครงการและการรายงานบนเว็บ กลุ่มคงไม่ได้งบต่อเนื่อง", "mechanism.mentor",
          a="success.partnership"),
        P("เรื่องแรก ถ้ากลุ่มอาชีพมีผู้สูงอายุเยอะ อย่าตั้งเป้าแค่มาตรา 40 ให้ดูกองทุนสวัสดิการชุมชนด้วย",
          "recommendation.group social_protection"),
        P("และอยากให้ พมจ.สตูล กับท้องถิ่นจังหวัดมีแนวทางให้กองทุนสวัสดิการชุมชนกับกองทุนหลักประกันสุขภาพท้องถิ่น"
          "ทำงานร่วมกันได้", "recommendation.agency policy"),
        P("กองทุนฯ ท้องถิ่นควรมีคนรับผิดชอบงานแรงงานนอกระบบที่ไม่เปลี่ยนบ่อย หรืออย่างน้อยมีเอกสารส่งต่องานให้คนใหม่",
          "recommendation.agency", a="policy"),
        P("ก๊ะอยากบอกว่าให้เริ่มจากเรื่องที่คนทำงานอยากแก้ก่อน สำหรับพวกเราคือเรื่องขาย เรื่องคลุ้ม",
          "recommendation.group", b="success.tangible_benefit"),
        P("แล้วอยากให้โรงเรียนในตำบลใส่การสานคลุ้มไว้ในวิชาท้องถิ่น เด็กจะได้เห็นคุณค่า", "recommendation.agency",
          a="recommendation.group"),
        P("ปีหน้าจะจดทะเบียนวิสาหกิจชุมชน มีเงินกองกลางจากเพจ", "organisation"),
    ],
    "reports/yala-bala_1.txt": [
        P("(นัดช่วงบ่ายเพราะผู้กรีดยางออกกรีดตั้งแต่ตีหนึ่งและต้องนอนพักช่วงเช้า)", "success.local_fit", a="context"),
        P("1.นายก อบต. เปิดประชุม เล่าว่าราคายางแผ่นดิบช่วงนี้อยู่ราว 40 บาท/กก. ชาวบ้านรายได้ลดลงมาก "
          "หลายครอบครัวให้ลูกไปทำงานร้านอาหารที่มาเลเซีย", "context.economy"),
        P("กองทุนมีเงินคงเหลือพอที่จะสนับสนุนโครงการของกลุ่มอาชีพได้ถ้าเขียนโครงการเข้ามาให้ชัดเจน",
          "mechanism.health_fund"),
        P("2.พี่เลี้ยงจังหวัดชี้แจงเป้าหมายของพื้นที่ต้นแบบ การใช้กองทุนเป็นกลไก และบทบาทของหน่วยบริการชุมชน",
          "mechanism.mentor", b="activities"),
        P("3.นางสาวนูรีดา มะเก็ง คืนข้อมูลสำรวจผู้กรีดยาง 112 ครัวเรือน รวมคนกรีด 146 คน", "activities.assessment"),
        P("- เป็นผู้ประกันตนตามมาตรา 40 เพียง 21 คน (ร้อยละ 14)", "social_protection.section40", a="context",
          keep="context"),
        P("- ใช้น้ำกรดแบตเตอรี่ (กรดซัลฟิวริก) แทนกรดฟอร์มิกในการทำยางก้อนถ้วย 38 ครัวเรือน เพราะราคาถูกกว่า "
          "ปีที่ผ่านมามีคนโดนกรดกระเด็นถูกมือหรือตา 17 คน", "context.work_risk"),
        P("- อุบัติเหตุรถจักรยานยนต์ตอนขับไปสวนตอนกลางคืน 6 ราย ถูกมีดกรีดบาด 9 ราย ถูกงูหรือตะขาบกัด 5 ราย",
          "context.work_risk"),
        P("- ร้อยละ 62 ของครัวเรือนมีหนี้ ธ.ก.ส. หรือกองทุนหมู่บ้าน", "context.economy"),
        P("4.ผอ.รพ.สต.บาละ ชี้ว่าคนกรีดยางมาหาเจ้าหน้าที่เฉพาะตอนบาดเจ็บหนัก ไม่มีการดูแลเชิงป้องกัน "
          "และเสนอให้ใช้วันศุกร์หลังละหมาดเป็นเวลานัดพบ", "partners.health_service", a="success.local_fit",
          b="context", keep="success.local_fit"),
        P("5.โต๊ะอิหม่ามเสนอให้ใช้คุตบะห์วันศุกร์ช่วยบอกเรื่องความปลอดภัยและการออม เพราะคนฟังมากที่สุด",
          "partners.community success.local_fit"),
        P("ที่ประชุมตั้งเป้าหมายภายในปี 2565 คือ หน่วยบริการชุมชน 2 หน่วย (หมู่ที่ 1 และหมู่ที่ 3) "
          "ผู้ประกันตนมาตรา 40 อย่างน้อย 60 คน", "goals"),
        P("2. ได้ฐานข้อมูลผู้กรีดยาง 146 คน ใน 112 ครัวเรือน ใช้เป็นข้อมูลตั้งต้นเทียบผล", "outputs"),
        P("4. ได้คณะทำงาน 11 คน อบต.บาละ จะออกคำสั่งแต่งตั้งภายในเดือนมกราคม 2563", "mechanism.working_group",
          a="outputs", keep="outputs"),
        P("ข้อสังเกต: ผู้กรีดยางหลายคนยังไม่เชื่อว่ามาตรา 40 จะคุ้มค่า", "obstacle", b="social_protection.section40",
          keep="social_protection.section40"),
        P("และบางหมู่บ้านไม่สะดวกประชุมตอนเย็นเพราะเรื่องความปลอดภัยในพื้นที่ ต้องนัดกลางวันเท่านั้น",
          "obstacle.external", a="obstacle.participation"),
    ],
    "reports/yala-bala_3.txt": [
        P("ตัวแทนสหกรณ์กองทุนสวนยางบาละ ตัวแทนแรงงานจังหวัดยะลา และพี่เลี้ยงจังหวัด", "partners.community",
          b="partners.agency", keep="partners.agency"),
        P("3. ผอ.รพ.สต. นำผลคัดกรองความเครียดด้วยแบบคัดกรอง ST-5 ที่ อสอช. เก็บจากผู้เข้าร่วม "
          "พบเครียดมากถึงมากที่สุด 9 คน จาก 41 คน", "activities.assessment"),
        P("ส่วนใหญ่มาจากหนี้และราคายางที่ยังอยู่ราว 45 บาท/กก.", a="context.economy", keep="context.economy"),
        P("4. แบ่งกลุ่มย่อยคุยว่าอะไรทำให้สำเร็จ อะไรยังทำไม่ได้ และอยากทำอะไรต่อ", "activities.planning"),
        P("1. หน่วยบริการชุมชน 2 หน่วย ครบตามเป้าหมาย", "outputs", a="mechanism.service_unit"),
        P("2. ผู้ประกันตนมาตรา 40 เพิ่มจาก 21 คน เป็น 64 คน (เป้าหมาย 60 คน)", "social_protection.section40",
          a="outputs", b="outcomes", keep="outputs"),
        P("แต่มี 11 คนขาดส่งเกิน 3 เดือน เพราะหยุดกรีดช่วงฝนและช่วงผลัดใบ", "obstacle.income"),
        P("3. ครัวเรือนที่ใช้น้ำกรดแบตเตอรี่ลดจาก 38 เหลือ 6 ครัวเรือน (เป้าหมายไม่เกิน 10)", "outcomes.behaviour"),
        P("สหกรณ์สั่งกรดฟอร์มิกรวมปีละ 2 ครั้ง ราคาต่ำกว่าร้านค้าทั่วไปประมาณร้อยละ 15", "innovation",
          a="partners.community"),
        P("4. ผู้ถูกกรดกระเด็นถูกมือหรือตาลดจาก 17 คน เหลือ 3 คนต่อปี อุบัติเหตุรถจักรยานยนต์ตอนกลางคืนลดจาก 6 เหลือ 2 ราย",
          "outcomes.health"),
        P("6. กลุ่มออมทรัพย์ผู้กรีดยาง สมาชิก 58 คน เงินออมรวม 73,500 บาท ให้กู้ฉุกเฉินแบบไม่มีดอกเบี้ยตามหลักศาสนาแล้ว 14 ราย",
          "mechanism.savings", a="outputs", keep="outputs"),
        P("7. กองทุน อบต.บาละ สนับสนุน 3 โครงการ รวม 96,900 บาท", "mechanism.health_fund"),
        P("สิ่งที่ช่วยให้สำเร็จ: นายก อบต. ให้ความสำคัญ ใช้มัสยิดและคุตบะห์วันศุกร์สื่อสาร สหกรณ์เข้ามาช่วยเรื่องกรด "
          "และ อสอช. เป็นคนในหมู่บ้านที่คนไว้ใจ", "success success.local_fit", a="success.leadership",
          b="success.partnership", keep="success.leadership success.partnership"),
        P("สิ่งที่ยังทำไม่ได้: คนรุ่นหนุ่มสาวไม่ค่อยเข้าร่วมเพราะไปทำงานมาเลเซีย", "obstacle.participation"),
        P("การส่งเงินสมทบไม่ต่อเนื่องเมื่อรายได้หาย และปัญหาหนี้กับความเครียดที่โครงการยังไม่ได้แตะ", "obstacle.income",
          a="obstacle"),
        P("ขั้นต่อไป: เสนอโครงการปี 2567 เรื่องสุขภาพจิตและการจัดการหนี้ ประสาน ธ.ก.ส. สาขากาบังมาให้ความรู้",
          "activities.planning", b="partners.agency"),
    ],
    "reports/narathiwat-khok-khian_1.txt": [
        P("หลังจากที่ทีมพี่เลี้ยงระดับจังหวัดเสนอให้ตำบลโคกเคียนเป็นพื้นที่ต้นแบบของจังหวัดนราธิวาสแทนพื้นที่เดิม "
          "เพราะมีกลุ่มอาชีพที่รวมตัวกันชัดเจนและมีผู้นำกลุ่มที่เข้มแข็ง", "mechanism.mentor", a="success.leadership",
          b="organisation", keep="success.leadership"),
        P("ช่วงเช้า พี่เลี้ยงจังหวัดเล่ากรอบการทำงาน 4 ด้าน คือ การคุ้มครองทางสังคม สุขภาพและความปลอดภัยในการทำงาน "
          "การรวมกลุ่มเป็นองค์กร และรายได้กับอาชีพ", "activities.training", a="mechanism.mentor"),
        P("ต่อด้วยนายอัสมันอธิบายสิทธิของผู้ประกันตนตามมาตรา 40 ทั้ง 3 ทางเลือก (เดือนละ 70 100 และ 300 บาท)",
          "social_protection.section40 partners.agency"),
        P("สมาชิกถามมากที่สุดเรื่องถ้าเดือนไหนขายของไม่ได้จะส่งเงินอย่างไร และถ้าขาดส่งจะเสียสิทธิหรือไม่",
          "obstacle.income", b="social_protection.section40", keep="social_protection.section40"),
        P("นางซาลมะห์ช่วยอธิบายซ้ำเป็นภาษามลายูถิ่น ทำให้ผู้สูงอายุเข้าใจมากขึ้น", "success.local_fit",
          a="success.leadership"),
        P("ช่วงบ่าย แบ่งกลุ่มทำแผนที่ความเสี่ยงตามขั้นตอนการผลิต 6 ขั้น", "activities.assessment"),
        P("1. ปวดหลัง ไหล่ และคอ 35 คน (ร้อยละ 73) เพราะนั่งพื้นก้มสานวันละ 5-7 ชั่วโมง", "context.work_risk"),
        P("3. มีผื่นคันที่มือจากสีย้อมเคมี 11 คน ส่วนใหญ่ต้มสีในครัวที่อากาศไม่ถ่ายเท และไม่สวมถุงมือ",
          "context.work_risk"),
        P("6. รายได้จากงานสานเฉลี่ย 3,200 บาท/เดือน ขึ้นลงตามคำสั่งซื้อ ช่วงถือศีลอดและหน้ามรสุมขายได้น้อย",
          "context.economy"),
        P("ที่ประชุมตั้งเป้าหมายร่วมกันภายใน 2 ปี คือ เกิดหน่วยบริการชุมชน 1 หน่วยที่กลุ่มบ้านทอน", "goals"),
        P("4. ได้คณะทำงานระดับตำบล 9 คน มาจากกลุ่มจักสาน อบต. รพ.สต. และ อสม.", "mechanism.working_group",
          b="outputs"),
        P("5. มีสมาชิกแจ้งความจำนงสมัครมาตรา 40 ในวันประชุม 7 คน ประกันสังคมจังหวัดรับจะมารับสมัครถึงที่กลุ่ม",
          "outputs", a="social_protection.section40", keep="social_protection.section40"),
        P("ข้อสังเกต: ช่วงบ่ายสมาชิกบางคนขอกลับก่อนเพราะต้องเร่งส่งเสื่อตามออเดอร์ ครั้งต่อไปควรจัดครึ่งวัน",
          "obstacle.participation", a="recommendation.group"),
        P("และสมาชิกหลายคนยังไม่กล้าพูดเรื่องหนี้สินในวงใหญ่ ควรคุยเป็นกลุ่มย่อย", a="obstacle.participation",
          b="recommendation.group", keep="recommendation.group"),
        P("โดยพี่เลี้ยงช่วยดูให้ตรงกับประเภทที่กองทุนสนับสนุนได้", "mechanism.mentor", a="mechanism.health_fund"),
    ],
    "reports/narathiwat-khok-khian_3.txt": [
        P("ใช้เส้นเวลา (timeline) และตารางเทียบเป้าหมายกับผลที่ได้เป็นเครื่องมือหลัก", "activities.planning"),
        P("1. หน่วยบริการชุมชนของกลุ่มตั้งขึ้นเมื่อเดือนมิถุนายน 2565 ให้บริการ 4 อย่าง คือ "
          "รับสมัครและช่วยตรวจสิทธิมาตรา 40 เตือนวันส่งเงินสมทบ จัดวันตรวจสุขภาพร่วมกับ รพ.สต. ทุกเดือน "
          "และประสานส่งต่อผู้ที่มีอาการปวดเรื้อรังไปพบนักกายภาพ", "mechanism.service_unit",
          a="social_protection.section40", b="partners.health_service",
          keep="social_protection.section40 partners.health_service"),
        P("2. กองทุน อบต.โคกเคียน สนับสนุนโครงการของกลุ่ม 3 ปี รวม 72,300 บาท", "mechanism.health_fund"),
        P("5. ช่วงเดือนสิงหาคม-กันยายน 2566 เกิดไฟไหม้พรุ ควันหนาจนต้องหยุดเข้าไปตัดกระจูดเกือบ 3 สัปดาห์ "
          "วัตถุดิบขาดและต้องซื้อจากตำบลอื่นในราคาสูงขึ้น", "obstacle.external"),
        P('ในวงพูดคุย สมาชิกเล่าว่าการมี อสอช. คอยชวนยืดตัวทำให้เกิดนิสัยใหม่ "สานครบชั่วโมงต้องลุก" '
          "และการต้มสีนอกบ้านกลายเป็นเรื่องปกติ", "outcomes.behaviour", a="ohs", keep="ohs"),
        P("ส่วนเรื่องที่ไม่สำเร็จคือเพจขายของออนไลน์ ซึ่งเดิมมีนางสาวฟารีดา สาแม ลูกสาวสมาชิกช่วยดูแล "
          "แต่เมื่อเธอไปทำงานที่มาเลเซียในปี 2566 เพจก็เงียบไป", "obstacle.participation", a="livelihood"),
        P("2. ผู้ประกันตนตามมาตรา 40 เพิ่มจาก 9 คน เป็น 33 คน คิดเป็นร้อยละ 69 ของสมาชิก 48 คน (เป้าหมายร้อยละ 60)",
          "social_protection.section40", b="outputs"),
        P("3. สมาชิกที่มีอาการปวดหลัง ไหล่ คอ ลดจากร้อยละ 73 เหลือร้อยละ 46 (เป้าหมายไม่เกินร้อยละ 50)",
          "outcomes.health"),
        P("5. สมาชิก 11 คนใช้สีธรรมชาติเป็นประจำ ทุกครัวเรือนที่ยังใช้สีเคมีต้มนอกบ้านและสวมถุงมือ "
          "ไม่มีรายงานผื่นที่มือรายใหม่ในปี 2567", "outcomes.behaviour outcomes.health", b="ohs"),
        P("6. กลุ่มออมทรัพย์มีสมาชิก 31 คน เงินออมรวม 46,800 บาท", "mechanism.savings outputs"),
        P("7. รายได้เฉลี่ยจากงานสานเพิ่มจาก 3,200 เป็นประมาณ 4,100 บาท/เดือน", "outcomes.economic"),
        P("ปัจจัยที่ช่วย: ผู้นำกลุ่มที่สมาชิกไว้ใจ กองทุนที่อนุมัติโครงการต่อเนื่อง และ รพ.สต. ที่มาหาสมาชิกถึงศาลา",
          "success.leadership", a="success.partnership", b="mechanism.health_fund", keep="success.partnership"),
        P("อุปสรรค: ควันไฟพรุ ราคาวัตถุดิบ การตลาดออนไลน์ขาดคนทำ และผู้สูงอายุยังนั่งพื้น", "obstacle"),
        P("เสนอ อบต. บรรจุกลุ่มจักสานไว้ในแผนพัฒนาท้องถิ่น", "policy", a="activities.planning"),
        P("และประสาน พมจ.นราธิวาส ดูแลสมาชิกสูงอายุที่อยู่ลำพัง 4 คน", "partners.agency", b="social_protection",
          keep="social_protection"),
    ],
    "reports/pattani-nong-chik_1.txt": [
        P("(ชาวประมงออกเรือตั้งแต่ตีสี่และกลับราวเที่ยง จึงนัดช่วงบ่าย)", "success.local_fit", b="context"),
        P("หน้ามรสุมตะวันออกเฉียงเหนือ (พฤศจิกายน-มกราคม) ออกเรือไม่ได้ 2-3 เดือน ช่วงนั้นแทบไม่มีรายได้ "
          "ต้องเบิกเงินล่วงหน้าจากแพปลาแล้วใช้คืนด้วยการขายปลาให้แพในราคาที่แพกำหนด", "context.economy"),
        P("2) แผนที่ความเสี่ยง: ผู้เข้าร่วมช่วยกันวาดแผนที่อ่าว จุดที่คลื่นแรง จุดที่เรือล่มบ่อย", "activities.assessment"),
        P("และจุดที่เรืออวนรุนเข้ามาใกล้ฝั่งจนเกิดการกระทบกระทั่ง", a="context", b="context.economy", keep="context"),
        P("- มีเสื้อชูชีพบนเรือเพียง 6 ลำ (ร้อยละ 10)", "context.work_risk", a="ohs"),
        P("- ปี 2562 มีผู้จมน้ำเสียชีวิต 2 ราย ทั้งสองรายไม่ได้สวมเสื้อชูชีพ", "context.work_risk"),
        P("- ถูกเงี่ยงปลาดุกทะเลหรือหางปลากระเบนแทง 23 คน ถูกเบ็ดเกี่ยวและอวนบาดมือเป็นประจำ", "context.work_risk"),
        P("- เป็นผู้ประกันตนตามมาตรา 40 เพียง 12 คน (ร้อยละ 14)", "social_protection.section40", a="context",
          keep="context"),
        P("4) ที่ประชุมตั้งเป้าหมายภายใน 3 ปี คือ มีหน่วยบริการชุมชน 1 หน่วย และธนาคารเสื้อชูชีพ 1 แห่ง", "goals"),
        P("1. ได้ข้อมูลชาวประมงพื้นบ้าน 86 คน เรือ 61 ลำ ใน 3 ชุมชน และแผนที่ความเสี่ยงของอ่าว 1 ชุด", "outputs"),
        P("3. ได้คณะทำงาน 10 คน จากกลุ่มประมง กลุ่มแม่บ้าน เทศบาล และอาสาสมัครกู้ภัย", "mechanism.working_group",
          a="partners.participation"),
        P("4. เทศบาลรับจะเสนอโครงการเข้ากองทุน ทต.หนองจิก ในการประชุมกรรมการกองทุนรอบถัดไป", "mechanism.health_fund",
          b="partners.local_government", keep="partners.local_government"),
        P("ข้อสังเกตและปัญหา: ชาวประมงหลายคนไม่ชอบใส่เสื้อชูชีพเพราะร้อนและเกะกะตอนดึงอวน "
          "บางคนเชื่อว่าว่ายน้ำเป็นก็ไม่จำเป็น", "obstacle", a="ohs", keep="ohs"),
        P("ส่วนมาตรา 40 หลายคนบอกว่าจ่ายแล้วไม่เคยได้ใช้ ต้องหาตัวอย่างคนที่ได้รับสิทธิจริงมาเล่า",
          "social_protection.section40", a="obstacle", b="recommendation.group", keep="obstacle"),
        P("ขั้นต่อไป: ร่างโครงการอบรมความปลอดภัยทางทะเลร่วมกับหน่วยกู้ภัยเทศบาลและ รพ.หนองจิก", "activities.planning",
          b="partners.local_government"),
    ],
    "reports/pattani-nong-chik_3.txt": [
        P("วิธีการ ใช้ตารางเป้าหมาย-ผลลัพธ์ที่ทำไว้ตั้งแต่ปีแรก ให้ อสอช. แต่ละชุมชนรายงานตัวเลขที่เก็บเอง",
          "activities.planning", a="partners.participation"),
        P("เด็กหนุ่มในชุมชนตกจากเรือช่วงคลื่นแรง ชาวประมงที่ผ่านการอบรมช่วยดึงขึ้นเรือและทำ CPR ระหว่างรอรถกู้ภัย "
          "จนรอดชีวิต", "outcomes.health"),
        P("เรื่องนี้ทำให้คนในชุมชนยอมรับการอบรมมากขึ้น", "success", b="outcomes.behaviour"),
        P("ผู้แทนกรรมการมัสยิด 2 แห่งเสนอให้ใช้เงินซะกาตช่วยส่งเงินสมทบมาตรา 40 ให้ครอบครัวที่ยากจนที่สุด"
          "ในช่วงที่ออกเรือไม่ได้", "innovation social_protection.section40", a="partners.community",
          keep="partners.community"),
        P("1. หน่วยบริการชุมชน 1 หน่วย (ตั้งเมื่อเดือนสิงหาคม 2565) ตามเป้าหมาย เปิดทุกวันศุกร์ช่วงบ่าย "
          "รับสมัครมาตรา 40 ยืม-คืนเสื้อชูชีพ และรับแจ้งผู้บาดเจ็บ", "mechanism.service_unit", a="outputs",
          keep="outputs"),
        P("2. เสื้อชูชีพในธนาคารรวม 85 ตัว (ซื้อ 60 ตัว ได้รับบริจาคจากภาคเอกชน 25 ตัว)", "outputs", b="ohs",
          keep="ohs"),
        P("เรือที่มีเสื้อชูชีพเพิ่มจาก 6 ลำ เป็น 43 ลำ จาก 61 ลำ (ร้อยละ 71) ยังไม่ถึงเป้าร้อยละ 80",
          "outcomes.behaviour", a="ohs", keep="ohs"),
        P("3. ชาวประมงผ่านการฝึก CPR สะสม 46 คน (เป้าหมาย 40 คน) ช่วยชีวิตคนตกน้ำได้จริง 1 ครั้ง", "outputs",
          a="outcomes.health"),
        P("4. ไม่มีสมาชิกกลุ่มจมน้ำเสียชีวิตในปี 2566-2567", "outcomes.health"),
        P("5. ผู้ประกันตนตามมาตรา 40 เพิ่มจาก 12 คน เป็น 41 คน (เป้าหมาย 50 คน) ขาดส่งช่วงมรสุม 7 คน",
          "social_protection.section40", b="obstacle.income"),
        P("6. อสอช. 5 คน ตามเป้าหมาย กลุ่มไลน์เตือนคลื่นลมมีสมาชิก 112 คน", "outputs", a="innovation"),
        P("7. กลุ่มแม่บ้านแปรรูปสัตว์น้ำ 14 คน ทำข้าวเกรียบปลาขาย ยอดขายรวมเฉลี่ยเดือนละประมาณ 18,000 บาท "
          "เป็นรายได้เสริมช่วงมรสุม", "livelihood outcomes.economic"),
        P("8. กองทุน ทต.หนองจิก สนับสนุนรวม 3 โครงการ 98,800 บาท", "mechanism.health_fund"),
        P("บทเรียน: เรื่องจริงในชุมชนเปลี่ยนความคิดคนได้มากกว่าการอบรม หน่วยกู้ภัยของเทศบาลเป็นภาคีที่สำคัญมาก",
          "success", a="success.partnership", b="partners.local_government", keep="success.partnership"),
        P("ส่วนเป้าหมายเสื้อชูชีพและมาตรา 40 ที่ยังไม่ถึง มาจากเสื้อที่ร้อนใส่ทำงานไม่ได้ และรายได้ที่หายไปทุกหน้ามรสุม",
          "obstacle obstacle.income"),
        P("ขั้นต่อไป: เสนอ ทต.หนองจิก บรรจุธนาคารเสื้อชูชีพเป็นงบประจำปี ทดลองเสื้อชูชีพแบบพองลม 10 ตัว", "policy",
          a="activities.planning", b="ohs"),
        P("และเตรียมขยายการทำงานไปตำบลใกล้เคียงในอ่าวปัตตานี", "policy", a="activities.planning"),
    ],
    "reports/songkhla-khae_1.txt": [
        P("ประชุมคณะทำงานโครงการพื้นที่ต้นแบบแรงงานนอกระบบกลุ่มผู้กรีดยาง เพื่อคืนข้อมูลการสำรวจที่ อสม. "
          "และแกนนำกลุ่มเก็บไว้ในเดือนกรกฎาคม", "mechanism.working_group activities.assessment"),
        P("1.เป็นผู้ประกันตนตามมาตรา 40 แล้ว 34 คน (ร้อยละ 26) ส่วนใหญ่สมัครเพราะเพื่อนชวน ไม่รู้สิทธิประโยชน์ที่ได้",
          "social_protection.section40", a="context", keep="context"),
        P("2.ใช้ยาฆ่าหญ้า (พาราควอตและไกลโฟเซต) ในสวนยาง 83 คน (ร้อยละ 64) ฉีดปีละ 2-3 ครั้ง "
          "เกือบทั้งหมดไม่ใส่หน้ากากหรือถุงมือ", "context.work_risk"),
        P("3.รพ.สต.แค ตรวจหาสารเคมีตกค้างในเลือดด้วยกระดาษทดสอบ 60 คน พบระดับไม่ปลอดภัย 11 คน และมีความเสี่ยง 14 คน "
          "รวมร้อยละ 42", "activities.assessment", a="context.work_risk", b="partners.health_service",
          keep="context.work_risk"),
        P("4.ปวดหลังและไหล่ร้อยละ 58 ถูกมีดกรีดยางบาดในรอบปี 12 คน ถูกต่อแตนต่อยขณะกรีด 7 คน", "context.work_risk"),
        P("5.ราคายางก้อนถ้วยช่วงนี้ประมาณ 42 บาท/กก. ครัวเรือนส่วนใหญ่มีรายได้จากยางเพียงอย่างเดียว", "context.economy"),
        P("นายสุเมธเสนอให้ใช้แบบประเมินความเสี่ยงจากการทำงานของ สสจ. ติดตามทุกปี", "partners.agency",
          a="activities.assessment"),
        P("ส่วนนายเจริญเห็นว่าถ้าจะให้คนเลิกใช้ยาฆ่าหญ้าต้องมีทางเลือกที่ไม่เพิ่มต้นทุนและไม่เหนื่อยกว่าเดิม",
          "success.tangible_benefit", a="success.leadership", b="livelihood"),
        P("ที่ประชุมกำหนดเป้าหมาย 3 ปี (2562-2565) ดังนี้ 1) มีหน่วยบริการชุมชน 2 หน่วย", "goals"),
        P("2. ได้ข้อมูลพื้นฐานผู้กรีดยาง 130 คน และผลตรวจสารเคมีในเลือด 60 คน ใช้เป็นค่าตั้งต้นในการติดตาม", "outputs"),
        P("4. อบต.แค รับจะนำโครงการของกลุ่มเข้าพิจารณาในการประชุมกรรมการกองทุนเดือนกันยายน 2562",
          "mechanism.health_fund partners.local_government"),
        P("ข้อสังเกต: แกนนำบางหมู่บ้านยังมองว่าเรื่องยาฆ่าหญ้าเป็นเรื่องส่วนตัวของเจ้าของสวน "
          "และกังวลว่าถ้าไม่ฉีดยาจะต้องจ้างคนถางหญ้าซึ่งแพงกว่า", "obstacle"),
        P("คณะทำงานต้องหาตัวอย่างสวนที่ทำได้จริงมาให้ดู", a="recommendation.group", b="activities.planning",
          keep="activities.planning"),
    ],
    "reports/songkhla-khae_3.txt": [
        P("ผศ.ดร.กนกวรรณ ศรีสุวรรณ ทีมถอดบทเรียนระดับเขต 12 ซึ่งเข้ามาหนุนการถอดบทเรียนของตำบลแค",
          "activities.planning", b="mechanism.mentor"),
        P("ปี 2563 อบรมการจัดการวัชพืชและเริ่มเลี้ยงชันโรง ตั้งหน่วยบริการชุมชนหน่วยแรกที่หมู่ที่ 2",
          "activities.training", a="mechanism.service_unit"),
        P("และแจก face shield เพิ่มหลังมีคนเศษหินกระเด็นเข้าตา 5 ราย", "ohs"),
        P("ช่วงบ่าย ผศ.ดร.กนกวรรณ ชวนวงสนทนาตอบ 3 คำถาม คือ อะไรทำให้สำเร็จ อะไรที่ไม่เป็นไปตามคาด "
          "และถ้าเริ่มใหม่จะทำอะไรต่างไปจากเดิม", "activities.planning"),
        P("ผู้เข้าร่วมสะท้อนว่าการเลี้ยงชันโรงทำให้คนเลิกฉีดยาฆ่าหญ้าได้จริงกว่าการรณรงค์ เพราะถ้าฉีดยา ชันโรงตาย",
          "success.tangible_benefit innovation"),
        P("ส่วนเรื่องที่ไม่เป็นไปตามคาดคือภาระของประธานกลุ่มที่มากเกินไป งานหลายอย่างต้องรอคนคนเดียว", "obstacle",
          a="obstacle.participation", b="success.leadership", keep="obstacle.participation"),
        P("2. ผู้ประกันตนตามมาตรา 40 เพิ่มจาก 34 คน เป็น 81 คน จากผู้กรีดยาง 130 คน (ร้อยละ 62) เกินเป้า 70 คน",
          "social_protection.section40", a="outputs"),
        P("3. ผู้ใช้ยาฆ่าหญ้าลดจากร้อยละ 64 เหลือร้อยละ 22 (เป้าหมายไม่เกินร้อยละ 30)", "outcomes.behaviour"),
        P("4. ผลเลือดกลุ่มไม่ปลอดภัย/มีความเสี่ยงลดจากร้อยละ 42 (ปี 2562) เป็นร้อยละ 31 (ปี 2563) "
          "และร้อยละ 18 (ปี 2565 ตรวจ 50 คน)", "outcomes.health"),
        P("5. การบาดเจ็บที่ตาจากเครื่องตัดหญ้าลดจาก 5 ราย (ปี 2564) เหลือ 1 ราย (ปี 2565)", "outcomes.health",
          b="ohs", keep="ohs"),
        P("7. ครัวเรือนเลี้ยงชันโรง 23 ครัวเรือน รวม 140 กล่อง ขายน้ำผึ้งชันโรงได้ครัวเรือนละ 1,500-3,000 บาท/เดือน"
          "ในฤดูเก็บ", "outcomes.economic livelihood"),
        P("8. กองทุน อบต.แค สนับสนุน 4 โครงการ ปี 2562-2566 รวม 128,400 บาท", "mechanism.health_fund"),
        P("ปัจจัยสำเร็จ: ตัวอย่างจริงในสวนของแกนนำ อาชีพเสริมที่บังคับให้ต้องเลิกสารเคมีไปในตัว",
          "success success.tangible_benefit", a="success.leadership", keep="success.leadership"),
        P("และพี่เลี้ยงที่ช่วยอธิบายกับกรรมการกองทุนว่ากิจกรรมอาชีพเชื่อมกับการป้องกันโรคอย่างไร", "mechanism.mentor",
          a="success.partnership", b="mechanism.health_fund", keep="success.partnership"),
        P("อุปสรรค: ประธานกลุ่มรับภาระมากเกินไป คนหนุ่มสาวออกไปทำงานโรงงานในหาดใหญ่ ราคายางไม่แน่นอน",
          "obstacle obstacle.participation", b="obstacle.income", keep="obstacle.income"),
        P("และยังมีบางสวนที่เจ้าของสวนเป็นคนสั่งให้ฉีดยา ผู้รับจ้างกรีดตัดสินใจเองไม่ได้", "obstacle"),
        P("เสนอให้ระบุเรื่องสวนยางปลอดสารเคมีไว้ในธรรมนูญสุขภาพตำบลแค", "policy", a="mechanism.agreement"),
    ],
    "reports/phatthalung-town_1.txt": [
        P("พัทลุงเลือกกลุ่มวินมอเตอร์ไซค์เพราะเป็นอาชีพที่เสี่ยงบนท้องถนนทุกวัน แต่แทบไม่มีใครดูแลเรื่องสวัสดิการ",
          "context", a="social_protection"),
        P("2. นางจันทร์เพ็ญ ชูช่วย อธิบายว่ากองทุนฯ ของเทศบาลสามารถสนับสนุนงบให้กลุ่มคนทำงานเขียนโครงการเองได้ "
          "และพี่เลี้ยงจะช่วยดูแผนงานและการรายงานผลผ่านเว็บไซต์", "mechanism.health_fund mechanism.mentor"),
        P("3. แบ่งกลุ่มย่อย 3 กลุ่ม ใช้แบบสำรวจ 1 แผ่น ให้ตัวแทนแต่ละวินช่วยกรอกข้อมูลของเพื่อนในวิน",
          "activities.assessment", b="partners.participation"),
        P("4. นายประสิทธิ์ หนูนวล หัวหน้าวินหน้าตลาดสด รับเป็นผู้ประสานฝั่งคนขับ", "success.leadership",
          a="mechanism.working_group"),
        P("- เป็นผู้ประกันตนตามมาตรา 40 เพียง 38 คน (ร้อยละ 26) อีกส่วนหนึ่งเคยสมัครแต่ขาดส่งจนสิ้นสภาพ",
          "social_protection.section40 context"),
        P("- ในรอบ 1 ปี มีผู้เคยประสบอุบัติเหตุขณะรับส่งผู้โดยสาร 31 คน บาดเจ็บต้องหยุดงานเกิน 3 วัน 12 คน",
          "context.work_risk"),
        P("- ปวดหลัง ปวดเอว ปวดข้อมือจากการนั่งขับวันละ 8-10 ชั่วโมง ร้อยละ 61", "context.work_risk"),
        P("- รายได้เฉลี่ยวันละ 300-450 บาท หลายคนบอกว่ารายได้ลดลงตั้งแต่มีรถรับจ้างผ่านแอปพลิเคชันเข้ามาในเมือง",
          "context.economy"),
        P("ประเด็นที่คนขับพูดถึงมากที่สุด คือ ถ้าล้มหรือเจ็บจนขับไม่ได้ ครอบครัวจะไม่มีรายได้เลย", "context",
          a="social_protection", b="context.economy", keep="social_protection"),
        P("1. ได้ข้อมูลพื้นฐานคนขับวินมอเตอร์ไซค์รับจ้าง 146 คน จาก 11 วิน ใช้เป็นฐานในการวางแผนและติดตามผล", "outputs"),
        P("2. ได้คณะทำงานโครงการ 9 คน ประกอบด้วยหัวหน้าวิน 5 คน เจ้าหน้าที่เทศบาล 2 คน อสม. 1 คน และพี่เลี้ยงจังหวัด 1 คน",
          "mechanism.working_group", a="outputs"),
        P("3. ที่ประชุมตั้งเป้าหมายร่วมกันภายใน 3 ปี ดังนี้", "goals"),
        P("5. ข้อสังเกต: คนขับมาประชุมได้เฉพาะช่วงบ่ายที่ลูกค้าน้อย และไม่อยากเสียรายได้ "
          "ครั้งต่อไปจะจัดใกล้จุดวินและใช้เวลาไม่เกิน 2 ชั่วโมง", "obstacle.participation", a="success.local_fit",
          keep="success.local_fit"),
        P("วินในชุมชนบางแห่งยังไม่ไว้ใจว่าเทศบาลจะมาตรวจเรื่องใบอนุญาต จึงต้องให้หัวหน้าวินด้วยกันเป็นคนไปชวน",
          "obstacle.participation", b="success.leadership"),
    ],
    "reports/phatthalung-town_3.txt": [
        P("1. นายสมศักดิ์ ทองแก้ว นำเสนอสมุดบันทึกของหน่วยบริการชุมชน 2 จุด ซึ่งเปิดมาตั้งแต่เดือนมิถุนายน 2565 "
          "มีสมาชิกมาใช้บริการรวม 412 ครั้ง", "mechanism.service_unit", a="outputs", keep="outputs"),
        P("2. อสอช. ประจำวินออกช่วยเหลือที่เกิดเหตุรถล้มในเขตเทศบาล 11 ครั้ง โทรแจ้ง 1669 ทุกครั้ง "
          "ไม่มีกรณีเคลื่อนย้ายผิดวิธี", "ohs", a="outcomes.behaviour", b="outcomes.social", keep="outcomes.behaviour"),
        P("ปัจจุบันเหลือสมาชิกที่ออมสม่ำเสมอ 23 คน ยอดเงินออม 68,250 บาท ปล่อยกู้ฉุกเฉินไปแล้ว 9 ราย ไม่มีหนี้ค้าง",
          "mechanism.savings"),
        P("แต่สมาชิกที่หยุดออมบอกว่ารายได้ไม่แน่นอนและไม่สะดวกจ่ายทุกวัน", "obstacle.income"),
        P("2. ผู้ประกันตนตามมาตรา 40 เป้าหมายร้อยละ 60 ปัจจุบันสมาชิก 152 คน เป็นผู้ประกันตน 94 คน คิดเป็นร้อยละ 61.8",
          "social_protection.section40", b="outputs"),
        P("มีผู้ได้รับเงินทดแทนการขาดรายได้จากการเจ็บป่วยแล้ว 13 ราย ทำให้เพื่อนในวินเห็นประโยชน์จริง",
          "success.tangible_benefit", a="social_protection.section40", keep="social_protection.section40"),
        P("3. อสอช. เป้าหมาย 10 คน ได้จริง 8 คน ยังขาดอีก 2 คน", "outputs"),
        P("4. อุบัติเหตุของสมาชิก ปีฐาน 31 ครั้ง ปีงบประมาณ 2566 (ต.ค. 65 - ส.ค. 66) 19 ครั้ง ลดลงร้อยละ 38.7 "
          "สูงกว่าเป้าที่ตั้งไว้ร้อยละ 30", "outcomes.health"),
        P("5. งบประมาณจากกองทุนหลักประกันสุขภาพ ทม.พัทลุง รวม 3 ปี 94,700 บาท "
          "(ปี 2563 ได้รับอนุมัติแต่ใช้ได้เพียงบางส่วนเพราะโควิด)", "mechanism.health_fund", a="obstacle.external"),
        P("ปัจจัยที่ทำให้สำเร็จ: หัวหน้าวินเป็นคนนำเอง เทศบาลให้ใช้กองทุนฯ ต่อเนื่อง พี่เลี้ยงช่วยเขียนและรายงานโครงการ "
          "และการดึงหน่วยงานมาที่จุดวิน", "success success.leadership", a="success.local_fit", b="success.partnership",
          keep="success.local_fit success.partnership"),
        P("ปัญหาอุปสรรค: คนขับรุ่นใหม่ที่รับงานผ่านแอปพลิเคชันไม่มีวินประจำ ติดต่อยาก", "obstacle.participation"),
        P("คนขับสูงอายุ 14 คนอยู่นอกสิทธิมาตรา 40", "obstacle social_protection"),
        P('- เสนอโครงการต่อกองทุนฯ วงเงิน 45,000 บาท เน้นคนขับผ่านแอป ตั้งกลุ่มไลน์ "วินพัทลุงปลอดภัย" '
          "และนัดตรวจสุขภาพช่วงกลางคืน", "activities.planning", a="innovation"),
        P("- ปรับกลุ่มออมทรัพย์ให้ออมเป็นรายสัปดาห์แทนรายวัน", "mechanism.savings", b="activities.planning"),
        P("- ประสานแรงงานจังหวัดพัทลุงให้บรรจุกลุ่มวินไว้ในแผนพัฒนาคุณภาพชีวิตแรงงานนอกระบบจังหวัด", "policy",
          a="partners.agency", keep="partners.agency"),
    ],
    "reports/trang-huai-yot_1.txt": [
        P("คณะทำงานเลือกจัดกิจกรรมในช่วงยางผลัดใบ เพราะเป็นช่วงที่คนกรีดยางหยุดกรีด มีเวลามาร่วมได้ทั้งวัน",
          "success.local_fit"),
        P("1. ชี้แจงที่มาของโครงการ และบทบาทของกองทุนหลักประกันสุขภาพ ทต.ห้วยยอด "
          "ที่สามารถสนับสนุนกลุ่มอาชีพให้ดูแลสุขภาพตนเองได้", "mechanism.health_fund", b="policy"),
        P("แล้วให้แต่ละกลุ่มติดสติกเกอร์สีแดงตรงขั้นตอนที่คิดว่าเสี่ยงที่สุด", "activities.assessment", a="innovation"),
        P("3. เก็บแบบสำรวจสุขภาพและความเสี่ยงจากการทำงานรายคน โดยให้ อสม. และแกนนำกลุ่มช่วยเก็บต่อในหมู่ที่ 2 "
          "หมู่ที่ 4 และหมู่ที่ 6 จนครบภายในเดือนมีนาคม", "activities.assessment"),
        P("- ร้อยละ 58 เป็นคนกรีดแบ่ง (กรีดสวนคนอื่นแล้วแบ่งรายได้กับเจ้าของสวน) "
          "ไม่ได้เป็นผู้ตัดสินใจเรื่องการใช้สารเคมีในสวน", "context", a="obstacle"),
        P("- ในรอบ 1 ปี ถูกมีดกรีดยางบาดหรือลื่นล้มในสวน 46 คน ถูกงูกัด 5 คน กรดฟอร์มิกกระเด็นเข้าตาหรือโดนผิวหนัง 19 คน",
          "context.work_risk"),
        P("- ฉีดยาฆ่าหญ้าเองโดยไม่ใส่ถุงมือหรือหน้ากาก ร้อยละ 74", "context.work_risk"),
        P("- ราคาน้ำยางที่ขายได้ช่วงนั้นเฉลี่ยไม่ถึงกิโลกรัมละ 45 บาท ครัวเรือนร้อยละ 63 มีหนี้ ธ.ก.ส. หรือหนี้นอกระบบ",
          "context.economy"),
        P("ผู้เข้าร่วมสะท้อนว่า เรื่องที่กลัวที่สุดคือการเดินในสวนตอนกลางคืนคนเดียว โดยเฉพาะคนกรีดหญิง",
          "context.work_risk", b="context"),
        P("2. ได้คณะทำงาน 11 คน มีนายเฉลิม ทองขาว เป็นประธาน นางอำไพ แก้วมณี เป็นรองประธาน", "mechanism.working_group"),
        P("- หน่วยบริการชุมชน 3 หน่วย (หมู่ละ 1 หน่วย ใช้จุดรับซื้อน้ำยางเป็นที่ตั้ง)", "goals", a="success.local_fit"),
        P("5. ข้อจำกัดที่พบ: เจ้าของสวนหลายคนไม่ได้มาร่วม ทั้งที่เป็นผู้ซื้อยาฆ่าหญ้าเอง",
          "obstacle obstacle.participation"),
        P("คนกรีดชาวเมียนมาในพื้นที่ราว 30 คนไม่ได้อยู่ในแบบสำรวจ เพราะสื่อสารไม่ได้และกลัวเรื่องเอกสาร",
          "obstacle.participation", b="social_protection"),
    ],
    "reports/trang-huai-yot_3.txt": [
        P("นัดประชุมช่วงสาย หลังคนกรีดขายน้ำยางเสร็จ ตามบทเรียนจากปีก่อน ๆ ว่าถ้านัดบ่ายคนจะง่วงและไม่มา",
          "success.local_fit"),
        P("๓. อสอช. แต่ละหน่วยรายงานการทำงานที่จุดรับซื้อน้ำยาง ทั้งการวัดความดัน ทำแผลมีดบาด ชวนทำท่ากายบริหาร "
          "และช่วยเรื่องสมัครหรือส่งเงินสมทบมาตรา 40", "mechanism.service_unit", a="social_protection.section40",
          keep="social_protection.section40"),
        P("๔. ผู้จัดการสหกรณ์ฯ สรุปการหักเงินค่าน้ำยางเพื่อส่งเงินสมทบแทนสมาชิก ซึ่งเริ่มตั้งแต่เดือนตุลาคม ๒๕๖๕",
          "innovation", a="partners.community", b="social_protection.section40",
          keep="partners.community social_protection.section40"),
        P("๑. หน่วยบริการชุมชน เป้าหมาย ๓ หน่วย เกิดขึ้น ๓ หน่วย", "outputs", b="mechanism.service_unit"),
        P("ในจำนวนนี้ ๔๗ คนส่งเงินสมทบผ่านการหักค่าน้ำยางของสหกรณ์ และไม่มีใครขาดส่งเลยตั้งแต่เริ่มวิธีนี้",
          "social_protection.section40", a="outcomes", b="innovation"),
        P("กลุ่มเสี่ยงและไม่ปลอดภัยลดจากร้อยละ ๓๐.๒ เหลือร้อยละ ๑๓.๕", "outcomes.health"),
        P("คนที่ใส่ถุงมือและหน้ากากขณะฉีดยาฆ่าหญ้าเพิ่มจากร้อยละ ๒๖ เป็นร้อยละ ๖๑", "outcomes.behaviour", a="ohs",
          keep="ohs"),
        P("๕. อุบัติเหตุในสวนที่ต้องหยุดงาน ปีงบประมาณ ๒๕๖๗ มี ๑๗ ราย (ปีฐาน ๔๖ ราย) ถูกงูกัด ๑ ราย", "outcomes.health"),
        P("๖. ด้านรายได้ สมาชิก ๒๒ ครัวเรือนปลูกผักเหลียงและเลี้ยงไก่พื้นบ้านแซมในสวนยาง "
          "ขายผ่านตลาดนัดเทศบาลได้เฉลี่ยเดือนละ ๑,๘๐๐ บาทต่อครัวเรือน", "livelihood outcomes.economic"),
        P("- ตัวเลขผลตรวจเลือดของตัวเองเปลี่ยนพฤติกรรมได้มากกว่าการบอกให้กลัว", "success"),
        P("- การใช้จุดรับซื้อน้ำยางเป็นหน่วยบริการ ทำให้เจอคนกรีดได้ทุกวันโดยไม่ต้องนัด", "success.local_fit",
          b="mechanism.service_unit"),
        P("- คนกรีดแบ่งหลายคนยังเลือกไม่ได้ว่าจะใช้สารเคมีหรือไม่ เพราะเจ้าของสวนเป็นผู้ตัดสินใจ", "obstacle"),
        P("- คนกรีดชาวเมียนมาเข้าร่วมตรวจเลือดได้ ๑๔ คนผ่านล่าม แต่ยังไม่มีหลักประกันทางสังคมใดรองรับ",
          "obstacle social_protection"),
        P("เน้นเชิญเจ้าของสวนร่วมทำข้อตกลงลดสารเคมี ชวนลานรับซื้อเอกชน ๒ แห่งทำระบบหักส่งเงินสมทบแบบเดียวกับสหกรณ์",
          "activities.planning", a="mechanism.agreement", b="social_protection.section40"),
    ],
    "reports/satun-na-thon_1.txt": [
        P("(เริ่มหลังละหมาดซุฮรี)", "success.local_fit"),
        P("เนื่องจากยังอยู่ในช่วงมาตรการโควิด-19 จึงจัดที่นั่งเว้นระยะ", a="obstacle.external"),
        P("1) ทำความเข้าใจโครงการและกองทุนหลักประกันสุขภาพ อบต.นาทอน ที่เปิดให้กลุ่มอาชีพเสนอโครงการได้เอง",
          "mechanism.health_fund"),
        P("ส่วนใหญ่นั่งพื้นพับเพียบหรือขัดสมาธิ", "context.work_risk"),
        P("- นางสาวพรทิพย์ บัวแก้ว ให้ช่างสานชี้จุดที่ปวดบนภาพร่างกาย และเก็บแบบสำรวจรายคน รวมทั้งวัดสายตาอย่างง่าย",
          "activities.assessment", a="partners.health_service", keep="partners.health_service"),
        P("- ในกลุ่มที่อายุไม่เกิน 60 ปี 56 คน เป็นผู้ประกันตนตามมาตรา 40 เพียง 12 คน (ร้อยละ 21.4) "
          "ช่างสานสูงอายุไม่มีหลักประกันอื่นนอกจากเบี้ยยังชีพ", "social_protection.section40 social_protection",
          a="context"),
        P("- ถูกมีดบาดขณะจักตอกในรอบปี 41 คน หลายคนพันผ้าเองไม่ได้ไปรักษา", "context.work_risk"),
        P("- บ้านที่รมกำมะถันในห้องปิด 9 หลัง มีอาการแสบจมูก ไอ", "context.work_risk"),
        P("- รายได้จากงานสานเฉลี่ยเดือนละ 2,900 บาท ส่วนใหญ่ขายผ่านพ่อค้าคนกลาง", "context.economy"),
        P("ข้อสังเกตในวง: ช่างสานอยากคุยเรื่องรายได้และวัตถุดิบก่อนเรื่องสุขภาพ "
          "คณะทำงานจึงตกลงให้โครงการมีทั้งเรื่องสุขภาพ สิทธิ และการขาย", "partners.participation", a="success",
          b="livelihood", keep="success"),
        P("2. ได้คณะทำงาน 9 คน มีนางฮาหวา ละใบแด เป็นประธาน นายอดุลย์ สาและ เป็นเลขานุการ", "mechanism.working_group"),
        P("3.3 ช่างสานสูงอายุเข้ากองทุนสวัสดิการชุมชนตำบลนาทอน อย่างน้อย 25 คน", "goals social_protection"),
        P("3.5 แปลงปลูกต้นคลุ้มของกลุ่ม 2 ไร่", "goals", b="livelihood", keep="livelihood"),
        P("4. เสนอโครงการต่อกองทุนหลักประกันสุขภาพ อบต.นาทอน ปีงบประมาณ 2564 วงเงิน 30,000 บาท",
          "mechanism.health_fund", a="outputs"),
    ],
    "reports/satun-na-thon_3.txt": [
        P("ตรงกับช่วงเดือนรอมฎอน จึงจัดเฉพาะช่วงเช้า ไม่มีอาหารว่าง และมอบอินทผลัมให้ผู้เข้าร่วมนำกลับไปละศีลอด",
          "success.local_fit"),
        P("1. ทบทวนเป้าหมาย 5 ข้อที่ตั้งไว้เมื่อ กค. 63 โดยเขียนตัวเลขตั้งต้นและตัวเลขปัจจุบันบนกระดาษแผ่นใหญ่"
          "ให้ช่างสานดูพร้อมกัน", "activities.planning"),
        P("3. นางสาวซารีนา โต๊ะประดู่ ช่างสานรุ่นใหม่ รายงานยอดขายผ่านเพจเฟซบุ๊กของกลุ่ม "
          "ที่เปิดหลังเรียนการขายออนไลน์กับ กศน.อำเภอทุ่งหว้า", "livelihood", a="partners.agency",
          keep="partners.agency"),
        P("2. มาตรา 40 เป้าหมายร้อยละ 60 ปัจจุบันช่างสานอายุไม่เกิน 60 ปี 54 คน เป็นผู้ประกันตน 33 คน (ร้อยละ 61.1) "
          "ปีฐานร้อยละ 21.4", "social_protection.section40"),
        P("3. ช่างสานสูงอายุเป็นสมาชิกกองทุนสวัสดิการชุมชนตำบลนาทอน 27 คน เกินเป้า 25 คน "
          "มี 3 รายได้รับสวัสดิการค่ารักษาพยาบาลแล้ว", "social_protection", a="outputs"),
        P("การถูกมีดบาดในรอบปี จาก 41 คน เหลือ 12 คน ลดลงมากกว่าครึ่งตามเป้า ช่างสานใช้ม้านั่งสานประจำ 26 คน",
          "outcomes.health", a="ohs", b="outcomes.behaviour", keep="ohs"),
        P("5. แปลงปลูกต้นคลุ้ม เป้าหมาย 2 ไร่ ปลูกแล้ว 1.5 ไร่ จะตัดได้รอบแรกปี 2568", "outputs", b="livelihood"),
        P("6. ด้านรายได้ ช่างสานที่ส่งงานผ่านกลุ่มมีรายได้เฉลี่ยเดือนละ 4,250 บาท (ปีฐาน 2,900 บาท)",
          "outcomes.economic"),
        P("ยอดขายเพจของกลุ่ม 10 เดือน 186,500 บาท ส่วนแบ่งร้อยละ 5 เข้ากองกลางใช้ซื้อวัสดุและช่วยสมาชิกป่วย",
          "livelihood", a="mechanism.savings", keep="mechanism.savings"),
        P("สิ่งที่ช่างสานบอกว่าเปลี่ยนไป: เลิกรมกำมะถันในบ้านแล้วทุกหลัง", "outcomes.behaviour"),
        P("ได้นั่งสานด้วยกันที่ศูนย์มากขึ้นแทนนั่งคนเดียวที่บ้าน ผู้สูงอายุบอกว่าไม่เหงา และรู้ว่าถ้าป่วยมีกองทุนสวัสดิการช่วย",
          "outcomes.social", b="social_protection"),
        P("- คนอายุต่ำกว่า 30 ปี เข้าร่วมเพียง 6 คน งานสานยังถูกมองว่าเป็นงานคนแก่", "obstacle.participation"),
        P("- พ่อค้าคนกลางยังกดราคาเสื่อผืนใหญ่ ส่วนของชิ้นเล็กขายได้ดีกว่า", "obstacle", a="livelihood",
          b="obstacle.income", keep="livelihood"),
        P("- เจ้าหน้าที่ อบต. ที่ดูแลกองทุนเปลี่ยนคน 2 ครั้งใน 3 ปี ทุกครั้งต้องเริ่มอธิบายใหม่", "obstacle.administration"),
        P("และขอให้ พมจ.สตูล กับท้องถิ่นจังหวัด ช่วยผลักดันเรื่องหลักประกันของช่างสานที่อายุเกิน 60 ปี",
          "policy social_protection", a="partners.agency"),
    ],
    "reports/yala-bala_2.txt": [
        P("เนื่องจากสถานการณ์โควิด-19 จึงแบ่งเป็น 2 รุ่น รุ่นเช้า 08.30-12.00 น. รุ่นบ่าย 13.00-16.30 น.",
          "obstacle.external", b="activities.training"),
        P("1) ความรู้เรื่องกรด: นายธีรยุทธ คงสม เจ้าหน้าที่การยางแห่งประเทศไทย (กยท.) จังหวัดยะลา "
          "อธิบายว่าน้ำกรดแบตเตอรี่ทำให้ยางก้อนถ้วยมีคุณภาพต่ำ โดนตัดราคา และกัดมือกัดตาคนใช้",
          "activities.training partners.agency", a="success.tangible_benefit"),
        P("สาธิตการผสมกรดฟอร์มิกตามอัตราที่ กยท. แนะนำด้วยถ้วยตวง ใส่ถุงมือยาง แว่นตา และเตรียมถังน้ำสะอาดไว้ข้างตัวทุกครั้ง",
          "ohs activities.training"),
        P("2) การปฐมพยาบาล: นายรุสลัน ดาโอ๊ะ ผอ.รพ.สต.บาละ สอนการล้างตาและผิวหนังที่ถูกกรดด้วยน้ำสะอาดไหลผ่านอย่างน้อย 15 นาที",
          "activities.training partners.health_service", b="ohs"),
        P("3) ความปลอดภัยตอนเดินทาง: ตกลงให้ขับรถไปสวนเป็นคู่ ตรวจแบตเตอรี่ไฟฉายคาดหัวก่อนออกจากบ้าน "
          "และสวมเสื้อสะท้อนแสงทุกครั้ง", "ohs", a="mechanism.agreement", keep="mechanism.agreement"),
        P("5) ประกันสังคมจังหวัดยะลา มาตั้งโต๊ะรับสมัครผู้ประกันตนมาตรา 40 ระหว่างพักเที่ยง มีผู้สมัครใหม่ 19 คน",
          "social_protection.section40 partners.agency"),
        P("6) กลุ่มร่วมกันร่างข้อตกลง 5 ข้อ คือ เลิกใช้น้ำกรดแบตเตอรี่ ใส่ถุงมือและแว่นตาเวลาใช้กรด ไปสวนเป็นคู่ "
          "ใส่เสื้อสะท้อนแสง และแจ้ง อสอช. เมื่อบาดเจ็บหรือมีไข้", "mechanism.agreement", b="ohs", keep="ohs"),
        P("จึงเสนอให้สหกรณ์กองทุนสวนยางบาละสั่งซื้อรวมครั้งละมากๆ เพื่อให้ได้ราคาถูกลง", "innovation",
          a="partners.community"),
        P("งบประมาณจากกองทุน อบต.บาละ 32,400 บาท", "mechanism.health_fund"),
        P("1. ผู้กรีดยางผ่านการอบรม 58 คน ใน 2 รุ่น (เป้า 60 คน)", "outputs"),
        P("3. ผู้ประกันตนมาตรา 40 เพิ่มขึ้น 19 คน รวมเป็น 40 คน (เป้าหมาย 60 คน)", "social_protection.section40",
          a="outputs", keep="outputs"),
        P("5. ได้ข้อตกลงกลุ่ม 5 ข้อ ติดไว้ที่มัสยิดและจุดรับซื้อยางของสหกรณ์", "outputs mechanism.agreement",
          b="success.local_fit"),
        P("ปัญหาที่พบ: ช่วงนี้ฝนตกบ่อย หลายคนหยุดกรีดจึงไม่มีเงินส่งสมทบ", "obstacle.income"),
        P("และยังมีผู้กรีดยางที่กลับมาจากมาเลเซียช่วงปิดด่านอีกหลายคนที่ยังไม่ได้เข้าร่วม", "obstacle.participation",
          a="obstacle.external"),
    ],
    "reports/narathiwat-khok-khian_2.txt": [
        P("1.ช่วงแรก นางสาวปิยะดา ศรีทอง นักกายภาพบำบัด รพ.นราธิวาสราชนครินทร์ ให้สมาชิกระบายจุดที่ปวดลงบนภาพร่างกาย "
          "(body map)", "activities.assessment partners.health_service"),
        P("จากนั้นสอนท่ายืดเหยียด 8 ท่า ให้ทำทุก 1 ชั่วโมงที่สาน ใช้เวลาครั้งละไม่เกิน 5 นาที", "activities.training ohs"),
        P("2.ช่วงที่สอง เรื่องสีย้อม วิทยากรจากวิทยาลัยชุมชนนราธิวาสสาธิตการย้อมสีธรรมชาติจากใบหูกวาง แก่นขนุน และแก่นฝาง",
          "activities.training", a="partners.agency", b="innovation", keep="partners.agency"),
        P("ให้ต้มนอกตัวบ้าน สวมถุงมือยางและหน้ากาก เก็บซองสีให้พ้นมือเด็ก และไม่ใช้หม้อต้มสีร่วมกับหม้อทำอาหาร", "ohs"),
        P("3.ช่วงที่สาม เรื่องการเข้าพรุไปตัดกระจูด ให้ใส่รองเท้าบูทยาง เสื้อแขนยาว และไปเป็นคู่", "ohs",
          a="activities.training"),
        P("4.ช่วงบ่าย เจ้าหน้าที่ประกันสังคมจังหวัดนราธิวาสเปิดโต๊ะรับสมัครผู้ประกันตนมาตรา 40 ที่ศาลากลุ่ม มีผู้สมัครใหม่ 14 คน",
          "social_protection.section40 partners.agency"),
        P("5.ที่ประชุมเลือก อสอช. ประจำกลุ่ม 5 คน นำโดยนางรอกีเยาะ บากา", "mechanism.service_unit",
          b="mechanism.working_group"),
        P("งบประมาณจากกองทุน 28,500 บาท", "mechanism.health_fund"),
        P("1. สมาชิก 36 คน ผ่านการอบรม คะแนนความรู้ก่อนอบรมตอบถูกเฉลี่ยร้อยละ 48 หลังอบรมร้อยละ 81", "outputs",
          a="outcomes"),
        P("2. ได้ท่ายืดเหยียด 8 ท่า ทำเป็นโปสเตอร์ภาษาไทยคู่ภาษามลายูอักษรยาวี ติดไว้ที่ศาลา 3 จุด", "outputs innovation",
          b="success.local_fit"),
        P("4. ผู้ประกันตนมาตรา 40 ในกลุ่มเพิ่มจาก 9 คน เป็น 23 คน (ร้อยละ 48 ของสมาชิก 48 คน) ยังไม่ถึงเป้าร้อยละ 60",
          "social_protection.section40", a="outputs"),
        P("สิ่งที่ยังเป็นปัญหา: ผู้สูงอายุหลายคนบอกว่านั่งเก้าอี้แล้วสานไม่ถนัด ขอกลับไปนั่งพื้นแต่จะใช้เบาะรองและพักยืดตัวแทน",
          "obstacle", a="innovation"),
        P("ส่วนสีธรรมชาติซีดเร็วและลูกค้าบางรายยังต้องการสีสด จึงยังเลิกสีเคมีไม่ได้ทั้งหมด", "obstacle",
          b="livelihood"),
    ],
    "reports/pattani-nong-chik_2.txt": [
        P("1.นางสาวรุ่งนภา ศรีสุข พยาบาลวิชาชีพ รพ.หนองจิก สอนการช่วยฟื้นคืนชีพขั้นพื้นฐาน (CPR) กับหุ่นฝึก",
          "activities.training partners.health_service"),
        P('และสอนหลัก "ตะโกน โยน ยื่น" เมื่อเห็นคนตกน้ำ ห้ามกระโดดลงไปช่วยถ้าไม่มีอุปกรณ์', "ohs",
          a="activities.training"),
        P("3.เจ้าหน้าที่สำนักงานประมงอำเภอหนองจิกแนะนำอุปกรณ์ความปลอดภัยที่ควรมีประจำเรือ", "partners.agency ohs"),
        P("4.สำนักงานประกันสังคมจังหวัดปัตตานีตั้งโต๊ะรับสมัครมาตรา 40 มีผู้สมัครใหม่ 9 คน",
          "social_protection.section40 partners.agency"),
        P("1.นายซาการียา หะยีดอเลาะ หน่วยกู้ภัยเทศบาล นำฝึกการใส่เสื้อชูชีพให้ถูกวิธี การลอยตัวในน้ำ และการโยนห่วงชูชีพจากเรือ",
          "activities.training", a="partners.local_government", b="ohs", keep="partners.local_government ohs"),
        P("2.ตั้งธนาคารเสื้อชูชีพ ซื้อเสื้อชูชีพ 60 ตัว ด้วยงบกองทุน 21,000 บาท เก็บไว้ที่ศาลาท่าเรือ "
          "กติกาคือยืมฟรี คืนเมื่อเลิกใช้ ถ้าชำรุดแจ้งกรรมการ", "innovation ohs", a="mechanism.health_fund"),
        P("3.คัดเลือก อสอช. 5 คน ชุมชนละ 1-2 คน มีหน้าที่ส่งข่าวเตือนคลื่นลมในกลุ่มไลน์ และติดตามผู้บาดเจ็บ",
          "mechanism.service_unit"),
        P("1. ผู้เข้าร่วม 48 คน ผ่านการอบรม ในจำนวนนี้ฝึก CPR ผ่านเกณฑ์ 44 คน (เป้าหมาย 40 คน)", "outputs"),
        P("2. เกิดธนาคารเสื้อชูชีพ 1 แห่ง มีเสื้อชูชีพ 60 ตัว ห่วงชูชีพ 6 วง หลังอบรม 2 สัปดาห์มีเรือยืมเสื้อไปใช้ 23 ลำ",
          "outputs", b="outcomes.behaviour"),
        P("3. ผู้ประกันตนมาตรา 40 เพิ่มจาก 18 คน เป็น 27 คน (เป้าหมาย 50 คน)", "social_protection.section40"),
        P("5. ชาวประมงเข้าใจการปฐมพยาบาลแผลจากเงี่ยงปลาด้วยน้ำอุ่น ซึ่งเดิมใช้วิธีพื้นบ้านอย่างเดียว", "outcomes",
          a="outcomes.behaviour", b="outcomes.health", keep="outcomes.behaviour"),
        P("ปัญหาที่พบ: เสื้อชูชีพแบบที่ซื้อหนาและร้อน ชาวประมงบางคนบอกว่าใส่ดึงอวนไม่ถนัด จึงวางไว้ในเรือแต่ไม่ใส่",
          "obstacle", a="ohs", keep="ohs"),
        P("อีกเรื่องคือการอนุมัติโครงการปี 2564 ล่าช้าไปหลายเดือนเพราะมีการเลือกตั้งเทศบาลและเปลี่ยนคณะกรรมการกองทุน",
          "obstacle.administration"),
    ],
    "reports/songkhla-khae_2.txt": [
        P("ที่มา: ตั้งแต่วันที่ 1 มิถุนายน 2563 ประเทศไทยห้ามใช้พาราควอต", "policy", a="context",
          b="context.work_risk", keep="context"),
        P("และหันไปใช้เครื่องตัดหญ้าสะพายบ่ามากขึ้น ซึ่งมีความเสี่ยงใหม่ ทั้งเศษหินกระเด็นเข้าตา เสียงดัง และแรงสั่นสะเทือน",
          "context.work_risk"),
        P("1.นางจิราพร สุขสวัสดิ์ รพ.สต.แค ตรวจสารเคมีตกค้างในเลือดซ้ำ 42 คน พบไม่ปลอดภัยและมีความเสี่ยงรวม 13 คน (ร้อยละ 31)",
          "activities.assessment partners.health_service"),
        P("2.เจ้าหน้าที่สำนักงานเกษตรอำเภอจะนะอธิบายการส่งคืนสารเคมีที่ถูกห้ามใช้ และรับคืนสารที่ผู้เข้าร่วมนำมาในวันนั้น",
          "partners.agency", a="ohs"),
        P("3.นายสุเมธ บินหมาน สสจ.สงขลา สอนการประเมินความเสี่ยงจากการทำงานในสวนยางด้วยตนเอง และการเลือกใช้อุปกรณ์ป้องกันส่วนบุคคล",
          "activities.training ohs", b="partners.agency", keep="partners.agency"),
        P("1.สาธิตการใช้เครื่องตัดหญ้าอย่างปลอดภัย สวมหน้ากากกันกระเด็น (face shield) ที่ครอบหูลดเสียง รองเท้าบูท และพักมือทุก 30 นาที",
          "ohs activities.training"),
        P("3.วิทยากรจากกลุ่มเลี้ยงชันโรงอำเภอนาทวีสาธิตการเลี้ยงชันโรงในสวนยาง ซึ่งต้องไม่ใช้สารเคมีในสวน "
          "จึงช่วยทั้งลดสารเคมีและเพิ่มรายได้ไปพร้อมกัน", "innovation livelihood", a="success.tangible_benefit",
          keep="success.tangible_benefit"),
        P("งบประมาณจากกองทุน อบต.แค 35,600 บาท", "mechanism.health_fund"),
        P("2. ผลเลือดกลุ่มไม่ปลอดภัย/มีความเสี่ยงลดจากร้อยละ 42 (ปี 2562) เหลือร้อยละ 31", "outcomes.health"),
        P("3. รับคืนยาฆ่าหญ้าที่ถูกห้ามใช้ 118 ขวด ส่งให้สำนักงานเกษตรอำเภอจะนะ", "outputs", a="outcomes.behaviour"),
        P("5. ครัวเรือน 20 ครัวเรือนเริ่มเลี้ยงชันโรงในสวนยาง ครัวเรือนละ 1 กล่อง", "outputs", b="livelihood"),
        P("6. ผู้ประกันตนมาตรา 40 เพิ่ม 12 คน รวมเป็น 46 คน", "social_protection.section40"),
        P("ปัญหาที่พบ: เครื่องตัดหญ้ามีราคาสูงและน้ำมันแพง บางครัวเรือนจึงยังแอบใช้ไกลโฟเซต", "obstacle.income",
          b="obstacle"),
        P("กรรมการกองทุนบางคนถามว่ากล่องชันโรงเป็นเรื่องอาชีพ ไม่ใช่เรื่องสุขภาพ "
          "พี่เลี้ยงจังหวัดช่วยอธิบายว่าเป็นกิจกรรมลดการสัมผัสสารเคมี จึงผ่านการอนุมัติ",
          "mechanism.mentor obstacle.administration", a="success.partnership"),
    ],
    "reports/phatthalung-town_2.txt": [
        P("กิจกรรมนี้เลื่อนมาจากปี 2564 เพราะสถานการณ์โควิด-19 ช่วงนั้นผู้โดยสารหายไปเกินครึ่ง "
          "คนขับหลายคนต้องไปรับจ้างส่งอาหารแทน", "obstacle.external"),
        P("คณะทำงานจึงขอปรับแผนกับกองทุนฯ และจัดอบรมเป็นรอบเล็ก ๆ ที่ศาลาวินแทนการรวมคนในห้องประชุม",
          "activities.planning", a="success.local_fit", keep="success.local_fit"),
        P("ให้คนขับช่วยกันวาดแผนที่จุดเสี่ยงลงกระดาษแผ่นใหญ่ พร้อมตกลงกติกากลุ่ม เช่น ผู้โดยสารต้องสวมหมวกกันน็อกทุกครั้ง",
          "activities.assessment mechanism.agreement", b="ohs", keep="ohs"),
        P("2) ฐานช่วยเหลือผู้บาดเจ็บ นายพงศกร ดำแก้ว สอนการประเมินผู้บาดเจ็บจากรถล้ม การห้ามเลือด "
          "การไม่เคลื่อนย้ายผู้ที่สงสัยบาดเจ็บที่คอ", "activities.training ohs", a="partners.health_service"),
        P("3) ฐานร่างกายคนขับ ยืดเหยียดคลายกล้ามเนื้อหลังและข้อมือ 6 ท่า ที่ทำได้ระหว่างรอผู้โดยสาร", "ohs",
          b="activities.training"),
        P("4) ฐานหลักประกันทางสังคม ประกันสังคมจังหวัดพัทลุงอธิบายสิทธิประโยชน์ผู้ประกันตนมาตรา 40 ทางเลือกที่ 1-3",
          "social_protection.section40 partners.agency"),
        P("5) ตรวจคัดกรองความเครียดด้วยแบบประเมิน ST-5 และวัดความดันโลหิต โดยเจ้าหน้าที่เทศบาลและ อสม. ในชุมชน",
          "activities.assessment"),
        P("1. คนขับวินผ่านการฝึกช่วยเหลือผู้บาดเจ็บเบื้องต้นและ CPR 27 คน ในจำนวนนี้ 8 คนสมัครใจเป็น อสอช. ประจำวิน",
          "outputs", a="mechanism.service_unit"),
        P("2. สมัครผู้ประกันตนตามมาตรา 40 รายใหม่ ณ จุดวิน 19 คน และกลับมาส่งเงินสมทบต่อ 6 คน",
          "social_protection.section40 outputs"),
        P("3. คัดกรองความเครียดพบเครียดระดับมาก 7 คน ส่งต่อคลินิกให้คำปรึกษาของโรงพยาบาลพัทลุง 3 คน",
          "partners.health_service", a="outputs", b="outcomes.health"),
        P("4. ได้แผนที่จุดเสี่ยงในเขตเทศบาล 1 ชุด และกติกาความปลอดภัยของวิน 5 ข้อ ติดไว้ที่ศาลาวิน 2 แห่ง",
          "outputs mechanism.agreement"),
        P("สิ่งที่ได้เรียนรู้: การพาหน่วยงานมาหาคนขับที่จุดวิน ได้ผลกว่าการเชิญคนขับไปที่สำนักงาน "
          "และการเปิดรับสมัครทันทีช่วยให้ตัดสินใจได้ในวันนั้น", "success.local_fit", a="recommendation.group"),
        P("ส่วนปัญหาที่ยังเหลือ คือคนขับอายุเกิน 60 ปีอีก 14 คนสมัครมาตรา 40 ไม่ได้ และกลุ่มที่ขับผ่านแอปยังไม่ยอมเข้าร่วม",
          "obstacle", b="obstacle.participation", keep="obstacle.participation"),
    ],
    "reports/trang-huai-yot_2.txt": [
        P("จัดตามมาตรการป้องกันโรคโควิด-19 ของอำเภอ จำกัดผู้เข้าร่วมในศาลาไม่เกิน 30 คน", "obstacle.external"),
        P("1) ตรวจเลือดด้วยกระดาษทดสอบเอนไซม์โคลีนเอสเตอเรส รวม 3 วัน ตรวจได้ 96 คน", "activities.assessment"),
        P("รวมกลุ่มเสี่ยงและไม่ปลอดภัย 29 คน (ร้อยละ 30.2) แจ้งผลรายบุคคลทันที", "activities.assessment",
          a="context.work_risk", keep="context.work_risk"),
        P('พบว่าหลายคนผสมเข้มกว่าฉลาก 2-3 เท่า "เพราะอยากให้หญ้าตายเร็ว" และใช้มือเปล่าคนถัง', "context.work_risk"),
        P("สาธิตและให้ผู้เข้าร่วมฝึกปฏิบัติการแต่งกาย  ถุงมือยาง รองเท้าบูท หน้ากาก การล้างตัวหลังฉีด และการทิ้งขวดสารเคมี",
          "activities.training ohs"),
        P("ให้ทุกจุดรับซื้อน้ำยางมีถังน้ำล้างตา", "ohs", b="mechanism.service_unit"),
        P("5) ฝึกท่ากายบริหาร 7 ท่า ก่อนและหลังกรีด คิดชื่อท่าเป็นภาษาถิ่นให้จำง่าย เช่น ท่ายืดหลังเลียงผา ท่าหมุนข้อมือมีดกรีด",
          "ohs innovation", a="success.local_fit", keep="success.local_fit"),
        P("6) ตกลงเรื่องความปลอดภัยยามค่ำคืน ให้คนกรีดหญิงออกสวนเป็นคู่หรือแจ้งเวลาออกและกลับในกลุ่มไลน์",
          "mechanism.agreement ohs"),
        P("1. คนกรีดยางได้รู้ผลตรวจสารเคมีในเลือดของตนเอง 96 คน (เป้าหมาย 100 คน)", "outputs"),
        P("เป็นข้อมูลที่ทำให้ผู้เข้าร่วมตื่นตัวมากที่สุด", "success", b="outcomes.behaviour"),
        P("2. ได้ อสอช. ประจำหมู่บ้าน 9 คน ผ่านการฝึกอ่านฉลาก การใช้อุปกรณ์ป้องกัน และการนำท่ากายบริหาร",
          "outputs", a="mechanism.service_unit"),
        P("4. สหกรณ์กองทุนสวนยางรับจะหารือในที่ประชุมใหญ่ เรื่องหักเงินค่าน้ำยางเดือนละ 100 บาท"
          "เพื่อส่งเงินสมทบมาตรา 40 แทนสมาชิกที่สมัครใจ", "innovation social_protection.section40",
          a="partners.community", keep="partners.community"),
        P("เพราะคนกรีดส่วนใหญ่ขาดส่งเพราะลืมและไม่สะดวกเดินทาง", "obstacle", b="obstacle.income"),
        P("ปัญหา: การเจาะเลือดต้องแยกวันเพราะโควิด ใช้เวลามากกว่าแผน เจ้าของสวนมาร่วมเพียง 4 คน",
          "obstacle obstacle.participation"),
        P("ครั้งต่อไปจะขอล่ามจากเครือข่ายแรงงานข้ามชาติในจังหวัดตรังและนัดตรวจเลือดซ้ำหลัง 6 เดือน",
          "activities.planning", a="organisation"),
    ],
    "reports/satun-na-thon_2.txt": [
        P("1. นักกายภาพบำบัดดูท่านั่งสานจริงของช่างสาน 10 คน แล้วชี้ให้เห็นว่าการนั่งพับเพียบก้มหลังเกิน 2 ชั่วโมง"
          "ทำให้ปวดหลังและเข่า", "activities.assessment context.work_risk", b="partners.health_service"),
        P('2. ทดลองใช้ "ม้านั่งสาน" ม้านั่งเตี้ยมีพนักพิงที่ช่างไม้ในหมู่บ้านทำตามแบบที่ช่างสานช่วยกันคิด',
          "innovation ohs"),
        P("กองทุนฯ สนับสนุนทำเพิ่ม 20 ตัว", "mechanism.health_fund"),
        P("3. นางสุนีย์ ทองหนู สาธิตและให้ฝึกปฏิบัติการจักตอกโดยใช้ปลอกนิ้วจากถุงมือยางเก่าตัดเย็บ",
          "innovation ohs", a="activities.training"),
        P("4. นางสาวพรทิพย์ บัวแก้ว ตรวจวัดสายตา พบสายตายาวที่ยังไม่มีแว่น 23 คน ประสานแว่นสายตาราคาถูกผ่านงบกองทุนฯ",
          "activities.assessment partners.health_service", b="mechanism.health_fund"),
        P("5. ตกลงเลิกรมกำมะถันในห้องนอนหรือห้องปิด ถ้าจำเป็นให้รมในที่โล่งนอกบ้านและสวมหน้ากาก",
          "mechanism.agreement ohs"),
        P("ส่วนช่างสานสูงอายุ กรรมการกองทุนสวัสดิการชุมชนตำบลนาทอน อธิบายการออมวันละบาทและสวัสดิการที่ได้ "
          "(ค่ารักษาพยาบาล ค่าทำศพ)", "social_protection", a="partners.community", keep="partners.community"),
        P("2. อาจารย์วิทยาลัยชุมชนสตูลชวนออกแบบผลิตภัณฑ์ขนาดเล็กสำหรับนักท่องเที่ยวที่มาอุทยานธรณีโลกสตูล",
          "livelihood partners.agency"),
        P("3. คณะทำงานทบทวนแผนปลูกต้นคลุ้มในที่ดินสาธารณะริมห้วย ที่ อบต.นาทอน อนุญาตให้ใช้ 2 ไร่", "livelihood",
          a="partners.local_government", b="activities.planning"),
        P("1. สมัครผู้ประกันตนมาตรา 40 รายใหม่ 14 คน รวมเป็น 26 คน จาก 56 คน (ร้อยละ 46.4) ยังไม่ถึงเป้าร้อยละ 60",
          "social_protection.section40", a="outputs"),
        P("3. ได้ม้านั่งสาน 20 ตัว ปลอกนิ้ว 60 ชุด กล่องปฐมพยาบาล 2 กล่อง เปิดหน่วยบริการชุมชนที่ศูนย์เรียนรู้บ้านนาทอนแล้ว 1 หน่วย",
          "outputs", b="mechanism.service_unit", keep="mechanism.service_unit"),
        P("5. ต้นแบบผลิตภัณฑ์ใหม่ 6 ชิ้น และร้านค้าในศูนย์บริการนักท่องเที่ยวรับไปวางขายทดลอง 2 แบบ", "outputs",
          a="livelihood", keep="livelihood"),
        P("ข้อสังเกต: กลุ่มสานหมู่ที่ 5 ยังเปิดหน่วยบริการไม่ได้เพราะไม่มีสถานที่กลาง คนหนุ่มสาวมาร่วมน้อยมาก",
          "obstacle obstacle.participation"),
        P("ต้นกล้าคลุ้มที่ปลูกรอบแรกตายไปเกือบครึ่งเพราะหน้าแล้ง ต้องปรับไปปลูกช่วงต้นฤดูฝน", "obstacle.external",
          b="obstacle"),
    ],
}


# building the codings ----------------------------------------------------------------------------
def locate(text: str, quote: str, where: str) -> tuple[int, int]:
    first = text.find(quote)
    if first < 0:
        raise SystemExit(f"{where}: passage not found: {quote[:50]!r}")
    if text.find(quote, first + 1) >= 0:
        raise SystemExit(f"{where}: passage occurs more than once, give more context: {quote[:50]!r}")
    return first, first + len(quote)


def snap(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the enclosing token boundaries."""
    i = bisect_right(starts, start) - 1
    j = bisect_left(ends, end)
    return (starts[i] if i >= 0 else start), (ends[j] if j < len(ends) else end)


def build(store) -> tuple[list, pd.DataFrame]:
    docs = store.documents(columns=["doc_id", "path", "sha256", "text"]).set_index("path")
    codebook = load_codebook(ROOT / "lessons" / "codebook.yaml")
    codings, decisions = [], []
    for path, passages in DECISIONS.items():
        if path not in docs.index:
            raise SystemExit(f"{path}: not in the store; run `synthesis ingest corpora/demo` first")
        doc = docs.loc[path]
        tokens = store.table("tokens", doc_ids=[doc.doc_id]).sort_values("start")
        starts, ends = tokens["start"].tolist(), sorted(tokens["end"].tolist())
        for passage in passages:
            for code in passage["both"] + passage["a"] + passage["b"]:
                if code not in codebook:
                    raise SystemExit(f"{path}: unknown code {code!r}")
            start, end = snap(starts, ends, *locate(doc.text, passage["quote"], path))
            quote = doc.text[start:end]
            for coder, own in (("coder_a", passage["a"]), ("coder_b", passage["b"])):
                memo = passage["memo"] if coder == "coder_a" else ""
                for code in passage["both"] + own:
                    codings.append(new_coding(doc.doc_id, start, end, quote, doc.sha256, code, coder, memo=memo,
                                              created=CREATED[coder]))
            if passage["a"] or passage["b"]:
                decisions.append({"doc_id": doc.doc_id, "start": start, "end": end,
                                  "codes": set(passage["both"] + passage["keep"])})
    return codings, pd.DataFrame(decisions)


def unit_decisions(units: pd.DataFrame, passages: pd.DataFrame, codings: list) -> pd.DataFrame:
    """The decision for every unit a disputed passage touches: the codes kept there, from every
    passage overlapping the unit (agreed ones included)."""
    rows = []
    for passage in passages.itertuples():
        touched = units[(units.doc_id == passage.doc_id) & (units.start < passage.end) & (units.end > passage.start)]
        for unit in touched.itertuples():
            kept = set()
            for other in passages.itertuples():
                if other.doc_id == unit.doc_id and other.start < unit.end and other.end > unit.start:
                    kept |= other.codes
            agreed = {c.code_id for c in codings if c.doc_id == unit.doc_id and c.start < unit.end
                      and c.end > unit.start and c.coder == "coder_a"} & {
                c.code_id for c in codings if c.doc_id == unit.doc_id and c.start < unit.end
                and c.end > unit.start and c.coder == "coder_b"}
            rows.append({"doc_id": unit.doc_id, "start": unit.start, "end": unit.end,
                         "decision": "; ".join(sorted(kept | agreed))})
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "decision"]).drop_duplicates()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / "work" / "demo")
    parser.add_argument("--lessons", type=Path, default=ROOT / "lessons")
    args = parser.parse_args(argv)
    if not (args.work / "manifest.json").is_file():
        ingest(ROOT / "corpora" / "demo", work_dir=args.work)
    store = open_store(args.work)
    codings, passages = build(store)
    doc_ids = sorted({c.doc_id for c in codings})
    units = units_from_segments(store.table("segments", doc_ids=doc_ids), "segment")
    decided = unit_decisions(units, passages, codings)
    consensus, open_rows = reconcile(codings, units, ["coder_a", "coder_b"], decisions=decided)
    consensus = [replace(c, created=CREATED["consensus"]) for c in consensus]
    if len(open_rows):
        print(f"warning: {len(open_rows)} disagreements without a decision", file=sys.stderr)
    coding_store = CodingStore(args.lessons)
    for coder in ("coder_a", "coder_b"):
        coding_store.replace_coder(coder, [c for c in codings if c.coder == coder])
    coding_store.replace_coder("consensus", consensus)
    table = agreement(codings, units, ["coder_a", "coder_b"])
    overall = table.set_index("code_id").loc["ALL"]
    print(f"{len(DECISIONS)} documents, {len(codings)} codings by two coders, {len(consensus)} consensus codings")
    print(f"agreement on {table.attrs['units']} sentence units: Cohen κ {overall.cohen_kappa:.3f}, "
          f"Krippendorff α {overall.krippendorff_alpha:.3f}, {100 * overall.percent_agreement:.1f}% agreement")
    return 0


if __name__ == "__main__":
    sys.exit(main())
