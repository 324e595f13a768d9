"""Spring MVC / WebFlux (Java and Kotlin) and Spring Boot settings extractor."""

from threatdelta.extractors.web.spring.extractor import SpringExtractor

__all__ = ["SpringExtractor"]
